/** A queue of turns: `take` resolves when every earlier turn has ended, with the way to end it. */
export class TakingTurns {
  #last: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const turn = this.#last.then(() => end);
    this.#last = this.#last.then(() => ended);
    return turn;
  }
}
