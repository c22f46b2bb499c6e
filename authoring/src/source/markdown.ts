import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Marked, type Token } from 'marked';
import type { SourceProblem } from '../problems';
import { isExternal, resolveLocal } from '../local-files';
import { fileExists } from './fs';

/** A material text rendered to HTML, with what was wrong in it. */
export interface RenderedMarkdown {
  html: string;
  problems: SourceProblem[];
  warnings: SourceProblem[];
}

/**
 * Renders the Markdown file `file` (relative to `root`) to HTML. Relative
 * image and link targets are checked and rewritten relative to the course
 * folder, because the unit shows the HTML from the package's root.
 */
export async function renderMarkdown(root: string, file: string): Promise<RenderedMarkdown> {
  const text = await readFile(path.join(root, file), 'utf8');
  const marked = new Marked({ gfm: true });
  // Lexing first lets the references be checked (asynchronously) before rendering.
  const tokens = marked.lexer(text);
  const references: Token[] = [];
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'image' || token.type === 'link') references.push(token);
  });

  const problems: SourceProblem[] = [];
  const fromDir = path.posix.dirname(file);
  for (const token of references) {
    if (token.type !== 'image' && token.type !== 'link') continue;
    const href: string = token.href;
    if (href === '' || href.startsWith('#') || isExternal(href)) continue;
    const target = resolveLocal(href, fromDir);
    const where = positionIn(text, href);
    if (!target.ok) {
      problems.push({ file, ...where, message: `"${href}" ${target.reason}` });
    } else if (!(await fileExists(path.join(root, target.relative)))) {
      problems.push({
        file,
        ...where,
        message: `"${href}" refers to ${target.relative}, which does not exist in the course folder`,
      });
    } else {
      token.href = target.relative;
    }
  }
  return { html: marked.parser(tokens), problems, warnings: titleHeading(file, tokens) };
}

/**
 * The unit shows each material's title from course.yaml above its text, so
 * a text opening with its own level-1 heading shows the title twice.
 */
function titleHeading(file: string, tokens: readonly Token[]): SourceProblem[] {
  const first = tokens.findIndex((token) => token.type !== 'space');
  const token = tokens[first];
  if (token?.type !== 'heading' || token.depth !== 1) return [];
  // Top-level tokens keep their source text in order, so what precedes the heading locates it.
  const before = tokens.slice(0, first).map((skipped) => skipped.raw).join('');
  return [
    {
      file,
      line: before.split('\n').length,
      column: 1,
      message: 'the text starts with a level-1 heading: start the text with ## headings; the material title comes from course.yaml',
    },
  ];
}

function positionIn(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) return { line: 1, column: 1 };
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
