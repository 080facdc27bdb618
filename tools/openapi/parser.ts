/**
 * One TypeScript program over src/api and ts-json-schema-generator's parser, with definitions named
 * after the file that declares each type (see naming.ts) so that same-named types in different
 * groups (core/v1 Event, events/v1 Event) stay apart.
 */
import path from 'node:path';
import ts from 'typescript';
import {
  AnnotatedNodeParser,
  type ChainNodeParser,
  CircularReferenceNodeParser,
  Context,
  type CompletedConfig,
  DEFAULT_CONFIG,
  DefinitionType,
  ExposeNodeParser,
  ExtendedAnnotationsReader,
  InterfaceAndClassNodeParser,
  type Definition,
  type SubNodeParser,
  TypeAliasNodeParser,
  createFormatter,
  createParser,
} from 'ts-json-schema-generator';
import { packageOf } from './naming.js';

/** Draft-07 definitions as ts-json-schema-generator writes them, keyed by qualified name. */
export type RawDefinitions = Record<string, Definition>;

export interface TypeSource {
  program: ts.Program;
  /** The exported interface or type alias `name` declared under `folder` (relative to src/api). */
  findType(folder: string, name: string): ts.Node | undefined;
  /** Definitions for the given root nodes and everything they reference. */
  definitions(roots: readonly ts.Node[]): RawDefinitions;
  /** The qualified definition name of a root node. */
  nameOf(node: ts.Node): string;
}

const CONFIG: CompletedConfig = {
  ...DEFAULT_CONFIG,
  expose: 'export',
  jsDoc: 'extended',
  topRef: false,
  additionalProperties: false,
  skipTypeCheck: true,
  encodeRefs: false,
  sortProps: true,
};

/** Names definitions `<package>.<Type>` from the declaring file instead of the bare type name. */
class QualifiedExposeParser extends ExposeNodeParser {
  constructor(
    typeChecker: ts.TypeChecker,
    child: SubNodeParser,
    private readonly apiRoot: string,
  ) {
    super(typeChecker, child, 'export', 'extended');
  }

  protected override getDefinitionName(node: ts.Node, context: Context): string {
    const base = super.getDefinitionName(node, context);
    if (base.includes('<')) throw new Error(`generic API types are not supported: ${base}`);
    return `${packageOf(node.getSourceFile().fileName, this.apiRoot)}.${base}`;
  }
}

function compilerOptions(): ts.CompilerOptions {
  return {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
}

/** The program's roots: the kind registry (which imports every kind) and the meta/v1 types. */
const ROOT_FILES = ['all-kinds.ts', 'meta.ts'];

export function createTypeSource(apiRoot: string): TypeSource {
  const root = path.resolve(apiRoot);
  const program = ts.createProgram(ROOT_FILES.map((f) => path.join(root, f)), compilerOptions());
  const checker = program.getTypeChecker();
  // The chain itself, not createParser's result: that unwraps the root's definition (topRef).
  let chain: ChainNodeParser | undefined;
  createParser(program, CONFIG, (mutable) => {
    chain = mutable as ChainNodeParser;
    const reader = new ExtendedAnnotationsReader(checker, new Set(), false);
    const jsDoc = (p: SubNodeParser): SubNodeParser => new AnnotatedNodeParser(p, reader);
    const expose = (p: SubNodeParser): SubNodeParser => new CircularReferenceNodeParser(new QualifiedExposeParser(checker, p, root));
    chain.addNodeParser(expose(jsDoc(new TypeAliasNodeParser(checker, chain))));
    chain.addNodeParser(expose(jsDoc(new InterfaceAndClassNodeParser(checker, jsDoc(chain), false))));
  });
  const parser = chain!;
  const formatter = createFormatter(CONFIG);

  const byFolder = new Map<string, Map<string, ts.Node>>();
  for (const sf of program.getSourceFiles()) {
    const rel = path.relative(root, path.dirname(sf.fileName)).split(path.sep).join('/');
    if (rel.startsWith('..') || sf.isDeclarationFile) continue;
    let names = byFolder.get(rel);
    if (!names) byFolder.set(rel, (names = new Map()));
    for (const st of sf.statements) {
      if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && isExported(st)) names.set(st.name.text, st);
    }
  }

  return {
    program,
    findType: (folder, name) => byFolder.get(folder)?.get(name),
    nameOf(node) {
      const type = parser.createType(node, new Context());
      if (!(type instanceof DefinitionType)) throw new Error('root type is not an exported declaration');
      return type.getName();
    },
    definitions(roots) {
      const out: RawDefinitions = {};
      for (const node of roots) {
        const type = parser.createType(node, new Context());
        for (const child of formatter.getChildren(type)) {
          if (!(child instanceof DefinitionType)) continue;
          const name = child.getName();
          if (!(name in out)) out[name] = formatter.getDefinition(child.getType());
        }
      }
      return out;
    },
  };
}

function isExported(node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): boolean {
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0;
}
