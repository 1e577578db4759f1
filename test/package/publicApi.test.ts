/**
 * The package root's API is the documented list in src/index.ts, and nothing more: the built
 * `dist/index.js` exports exactly the values below, `dist/index.d.ts` exactly the values and
 * types, and every one of them carries documentation in the shipped declarations (what a user's
 * editor shows). Adding or removing an export means changing this list on purpose.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { PACKAGE_DIR } from './npmPack.js';
import { readReadme, readmeSection } from './readmeSections.js';

const VALUES = [
  'OUTPUT_STYLES',
  'PackerError',
  'TOKEN_ENCODINGS',
  'addRoots',
  'consumePack',
  'explainPath',
  'findConfigFile',
  'forgetRun',
  'isPackerError',
  'listRuns',
  'loadConfigFile',
  'loadManifest',
  'openCas',
  'openRemote',
  'pullRef',
  'pushRun',
  'removeRoots',
  'resolveStoreLocations',
  'rootAudit',
  'runGc',
  'runPack',
  'verifyPack',
];

const TYPES = [
  'AuditReceipt',
  'AuditRootSource',
  'Cas',
  'ConsumeOptions',
  'ConsumeReceipt',
  'ErrorCode',
  'ExplainPathOptions',
  'Explanation',
  'ForgetResult',
  'FsckReport',
  'GcOptions',
  'GcProgress',
  'GcReport',
  'LoadedManifest',
  'ManifestEntry',
  'ObjectInfo',
  'OmitReason',
  'OpenRemoteOptions',
  'OutputStyle',
  'PackLimits',
  'PackManifest',
  'PackProgress',
  'PackSummary',
  'PackTokens',
  'PackerConfig',
  'PullInput',
  'PullReport',
  'PushReport',
  'PushRunInput',
  'PutResult',
  'RemoteStore',
  'RootAuditOptions',
  'RootFileState',
  'RootSourceName',
  'RootsChange',
  'RunSummary',
  'RunPackOptions',
  'SecretFinding',
  'SelectionFlags',
  'StoreLocationOptions',
  'StoreLocations',
  'TokenEncoding',
  'UpdateRootsOptions',
  'VerifyCheck',
  'VerifyOptions',
  'VerifyReport',
];

/** The main entry points: their documentation shows a short example. */
const WITH_EXAMPLE = ['runPack', 'verifyPack', 'consumePack', 'rootAudit', 'runGc', 'openCas', 'openRemote', 'pullRef', 'PackerError'];

const sorted = (names: Iterable<string>) => [...names].sort();

interface DeclaredExport {
  name: string;
  value: boolean;
  doc: string;
  tags: string[];
  /** Parameter names, for a function. */
  params?: string[];
}

/** Each export of dist/index.d.ts with its documentation, its tags and (for a function) its parameters. */
function declaredExports(): DeclaredExport[] {
  const file = join(PACKAGE_DIR, 'dist', 'index.d.ts');
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, `${file} is missing: run npm run build`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  assert.ok(moduleSymbol);
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const fn = target.declarations?.find(ts.isFunctionDeclaration);
    const tags = target.getJsDocTags(checker);
    return {
      name: symbol.name,
      value: (target.flags & ts.SymbolFlags.Value) !== 0,
      doc: ts.displayPartsToString(target.getDocumentationComment(checker)).trim(),
      tags: tags.map((tag) => (tag.name === 'param' ? `param ${ts.displayPartsToString(tag.text).split(/\s/)[0]}` : tag.name)),
      ...(fn ? { params: fn.parameters.map((p) => p.name.getText()) } : {}),
    };
  });
}

test('the package root exports exactly the documented values at run time', async () => {
  const root = (await import(pathToFileURL(join(PACKAGE_DIR, 'dist', 'index.js')).href)) as Record<string, unknown>;
  assert.deepEqual(sorted(Object.keys(root)), sorted(VALUES));
});

test('the shipped declarations export exactly the documented values and types, each with documentation', () => {
  const exports = declaredExports();
  assert.deepEqual(sorted(exports.map((e) => e.name)), sorted([...VALUES, ...TYPES]));
  assert.deepEqual(sorted(exports.filter((e) => e.value).map((e) => e.name)), sorted(VALUES));
  const undocumented = exports.filter((e) => e.doc.length < 20).map((e) => e.name);
  assert.deepEqual(undocumented, [], 'every export has a doc comment of a sentence or more');
  assert.ok(VALUES.length + TYPES.length <= 70, 'the API stays small');
});

test('every exported function documents each parameter and what it throws; the main ones show an example', () => {
  const exports = declaredExports();
  const functions = exports.filter((e) => e.params !== undefined);
  assert.ok(functions.length >= 18, `functions found: ${functions.map((f) => f.name).join(' ')}`);
  const gaps = functions.flatMap((f) => [
    ...(f.params ?? []).filter((p) => !f.tags.includes(`param ${p}`)).map((p) => `${f.name}: @param ${p}`),
    ...(f.tags.includes('throws') ? [] : [`${f.name}: @throws`]),
  ]);
  const noExample = WITH_EXAMPLE.filter((name) => !exports.find((e) => e.name === name)?.tags.includes('example'));
  assert.deepEqual([...gaps, ...noExample.map((n) => `${n}: @example`)], []);
});

test('README\'s "Use as a library" table names exactly the exports', async () => {
  const section = readmeSection(await readReadme(), 'Use as a library');
  const rows = section.split('\n').filter((line) => /^\| [a-z]/.test(line) && !line.startsWith('| to |'));
  const named = rows.flatMap((row) => [...row.split('|').slice(2).join('|').matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1] as string));
  assert.deepEqual(sorted(named), sorted([...VALUES, ...TYPES]));
});
