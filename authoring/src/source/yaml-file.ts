import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isCollection, isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { SourceProblem } from '../problems';
import { yamlSyntaxProblems } from './yaml-syntax';

/** A key path into a YAML document, as zod reports it. */
export type YamlPath = readonly PropertyKey[];

/**
 * A parsed YAML source file that can say where any of its values sits, so
 * every problem points at the line the author has to change.
 */
export class YamlFile {
  /** The document as plain data; undefined when the YAML does not parse. */
  readonly data: unknown;
  /** Syntax errors, one per line, each saying what to fix. */
  readonly syntaxProblems: SourceProblem[];

  private constructor(
    /** Relative to the course folder, `/`-separated. */
    readonly file: string,
    text: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {
    this.syntaxProblems = yamlSyntaxProblems(file, text, document.errors, lines);
    this.data = this.syntaxProblems.length === 0 ? document.toJS() : undefined;
  }

  /** Parses `file` (relative to `root`). Throws the fs error when it cannot be read. */
  static async read(root: string, file: string): Promise<YamlFile> {
    const text = await readFile(path.join(root, file), 'utf8');
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    return new YamlFile(file, text, document, lines);
  }

  /** A problem at the value under `keys`, or at its nearest existing parent. */
  problemAt(keys: YamlPath, message: string): SourceProblem {
    return { file: this.file, ...this.positionOf(keys), message };
  }

  /** A problem at the key `key` of the mapping under `keys` (e.g. an unknown field). */
  problemAtKey(keys: YamlPath, key: string, message: string): SourceProblem {
    const offset = this.pairAt(keys, key);
    if (offset === undefined) return this.problemAt(keys, message);
    return { file: this.file, ...this.linePos(offset), message };
  }

  /** Offset of the key `key` in the mapping under `keys`, when both exist. */
  private pairAt(keys: YamlPath, key: string): number | undefined {
    const parent = this.nodeAt(keys);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
    return pair && isNode(pair.key) && pair.key.range ? pair.key.range[0] : undefined;
  }

  private positionOf(keys: YamlPath): { line: number; column: number } {
    // A block list or mapping starts on the line after its key; the key is where the author looks.
    const target = this.nodeAt(keys);
    const key = keys.at(-1);
    if (isCollection(target) && !target.flow && typeof key === 'string') {
      const pair = this.pairAt(keys.slice(0, -1), key);
      if (pair) return this.linePos(pair);
    }
    for (let depth = keys.length; depth >= 0; depth--) {
      const node = this.nodeAt(keys.slice(0, depth));
      if (isNode(node) && node.range) return this.linePos(node.range[0]);
    }
    return { line: 1, column: 1 };
  }

  private nodeAt(keys: YamlPath): unknown {
    if (keys.length === 0) return this.document.contents;
    return this.document.getIn(keys.map(String).map(asIndexWhenNumeric), true);
  }

  private linePos(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

// yaml's sequences take numeric indexes; zod paths may carry them as numbers already.
function asIndexWhenNumeric(key: string): string | number {
  return /^\d+$/.test(key) ? Number(key) : key;
}
