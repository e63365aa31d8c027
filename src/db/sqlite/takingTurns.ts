/**
 * A queue of turns: `take` resolves, with the way to end the turn, when every turn before it has
 * ended. A turn taken `first` goes ahead of every ordinary turn still waiting (but after the one
 * running): for work that many requests wait on, like the commit of their audit entries.
 */
export class TakingTurns {
  #running = false;
  readonly #first: (() => void)[] = [];
  readonly #ordinary: (() => void)[] = [];

  take(options: { first?: boolean } = {}): Promise<() => void> {
    return new Promise((resolve) => {
      const start = () => resolve(() => this.#next());
      if (!this.#running) {
        this.#running = true;
        start();
      } else {
        (options.first ? this.#first : this.#ordinary).push(start);
      }
    });
  }

  #next(): void {
    const start = this.#first.shift() ?? this.#ordinary.shift();
    if (start) start();
    else this.#running = false;
  }
}
