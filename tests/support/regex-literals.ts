import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// Finds every regular expression written in the server's source, so a new one is checked
// without anyone remembering to list it. Parsed with the TypeScript compiler (not grepped):
// a "/" in a string or comment is never mistaken for a pattern.

export interface RegexLiteral {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/** Regex literals plus `new RegExp("…")` / `RegExp("…")` with a literal pattern; a computed pattern is reported as such. */
export function findRegexLiterals(dirs: string[]): {
  literals: RegexLiteral[];
  computed: { file: string; line: number; text: string }[];
} {
  const literals: RegexLiteral[] = [];
  const computed: { file: string; line: number; text: string }[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const cut = text.lastIndexOf("/");
        literals.push({ file, line: lineOf(node), source: text.slice(1, cut), flags: text.slice(cut + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === "RegExp") {
        const [pattern, flags] = node.arguments ?? [];
        if (pattern && ts.isStringLiteralLike(pattern) && (!flags || ts.isStringLiteralLike(flags))) {
          literals.push({
            file,
            line: lineOf(node),
            source: pattern.text,
            flags: flags && ts.isStringLiteralLike(flags) ? flags.text : "",
          });
        } else computed.push({ file, line: lineOf(node), text: node.getText(sf) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, computed };
}
