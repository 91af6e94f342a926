import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A source file or function longer than the limit allows. */
export interface SizeBreach {
  readonly where: string;
  readonly lines: number;
}

/** Every .ts file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function lineOf(source: ts.SourceFile, position: number): number {
  return source.getLineAndCharacterOfPosition(position).line + 1;
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name)
    return node.name.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText();
  return '(anonymous)';
}

/** Functions of one source text whose body spans more than `maxLines` lines, found by the TypeScript parser. */
export function longFunctions(fileName: string, text: string, maxLines: number): SizeBreach[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const breaches: SizeBreach[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = lineOf(source, node.getStart(source));
      const lines = lineOf(source, node.getEnd()) - first + 1;
      if (lines > maxLines) breaches.push({ where: `${fileName}:${first} ${nameOf(node)}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return breaches;
}

/** Files over `maxFileLines` lines and functions over `maxFunctionLines` lines under `dir`. */
export function sizeBreaches(dir: string, maxFileLines: number, maxFunctionLines: number): SizeBreach[] {
  return sourceFiles(dir).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const name = relative(dir, path);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const file = lines > maxFileLines ? [{ where: name, lines }] : [];
    return [...file, ...longFunctions(name, text, maxFunctionLines)];
  });
}

/** The names a source text declares at its top level: functions, classes, interfaces, types, consts. */
export function declaredNames(fileName: string, text: string): Set<string> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) names.add(d.name.getText(source));
    }
  }
  return names;
}
