import { isAlias, isNode, LineCounter, parseDocument, visit } from 'yaml';

// The one reading of a protocol's YAML (a whole file, or a part typed in the editor): its
// syntax errors, then aliases and anchors, refused (a protocol file has no need of them, and an
// alias to no anchor or a "billion laughs" of aliases would otherwise throw on reading), each as
// a problem naming its line; never a thrown error.

export type YamlProblem = { line?: number; column?: number; message: string };

export type YamlRead = { ok: true; value: unknown } | { ok: false; problems: YamlProblem[] };

export const ALIASES_REFUSED =
  'aliases (*name) and anchors (&name) are not allowed in a protocol file';

/** YAML text as plain values, or its problems. */
export function readYaml(text: string): YamlRead {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const position = error.linePos?.[0];
        return {
          ...(position && { line: position.line, column: position.col }),
          message: (error.message.split('\n')[0] || 'is not valid YAML').replace(
            / at line \d+, column \d+:?$/,
            '',
          ),
        };
      }),
    };
  }
  const problems: YamlProblem[] = [];
  visit(document, (_key, node) => {
    if (!(isAlias(node) || (isNode(node) && node.anchor))) return;
    const offset = isNode(node) ? node.range?.[0] : undefined;
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    if (!problems.some((problem) => problem.line === line)) {
      problems.push({ ...(line !== undefined && { line }), message: ALIASES_REFUSED });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 0 }) };
  } catch (error) {
    return {
      ok: false,
      problems: [{ message: `cannot be read: ${(error as Error).message.split('\n')[0]}` }],
    };
  }
}

/** "line 3, column 5", "line 3", or nothing. */
export function wherePlace(problem: YamlProblem): string {
  if (problem.line === undefined) return '';
  return problem.column === undefined
    ? `line ${problem.line}`
    : `line ${problem.line}, column ${problem.column}`;
}
