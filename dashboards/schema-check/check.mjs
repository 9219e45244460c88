// Type-checks every dashboard in ../ against the dashboard model of @grafana/schema, the types Grafana generates from
// its own schema, for each Grafana release named in package.json: the dashboard itself (unknown or mistyped fields are
// errors, as TypeScript checks an object literal against its type), and each panel's options and custom field config
// against the panel plugin's types. Exit 0 when every dashboard passes for every release; else 1 with each error as
// FILE(release): message.
//
// The generated types use TypeScript enums (FieldColorModeId.PaletteClassic = 'palette-classic'), to which the plain
// strings of a JSON file are not assignable; AsJson<T> turns each enum into the union of its values, which is exactly
// what a dashboard file may hold, and keeps everything else (required and unknown fields) as strict as it was.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const dashboardsDir = path.resolve(here, '..');
const generated = path.join(here, '.generated');
const releases = Object.keys(JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).devDependencies)
  .filter((name) => name.startsWith('grafana-schema-'));

// Panel plugin id -> the directory and the module name of its generated types in @grafana/schema.
const panelTypes = {
  timeseries: ['timeseries', 'TimeSeriesPanelCfg'],
  stat: ['stat', 'StatPanelCfg'],
  table: ['table', 'TablePanelCfg'],
  bargauge: ['bargauge', 'BarGaugePanelCfg'],
  'state-timeline': ['statetimeline', 'StateTimelinePanelCfg'],
};

function panelModule(release, type) {
  const [dir, name] = panelTypes[type];
  // 11.x ships the declarations beside the ESM build; 12.x and later under dist/types with a short file name.
  const candidates = [
    `dist/esm/raw/composable/${dir}/panelcfg/x/${name}_types.gen.d.ts`,
    `dist/types/raw/composable/${dir}/panelcfg/x/types.gen.d.ts`,
  ];
  for (const candidate of candidates) {
    const file = path.join(here, 'node_modules', release, candidate);
    if (fs.existsSync(file)) {
      return file.replace(/\.d\.ts$/, '');
    }
  }
  throw new Error(`${release} has no panel types for '${type}' (looked for ${candidates.join(', ')})`);
}

const dashboards = fs.readdirSync(dashboardsDir).filter((f) => f.endsWith('.json')).sort();
if (dashboards.length === 0) {
  console.error(`no dashboards (*.json) in ${dashboardsDir}`);
  process.exit(1);
}
fs.rmSync(generated, { recursive: true, force: true });
fs.mkdirSync(generated);
const files = [];
const problems = [];
for (const release of releases) {
  for (const file of dashboards) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dashboardsDir, file), 'utf8'));
    const lines = [
      `import type { Dashboard } from '${release}';`,
      'type AsJson<T> = T extends string ? `${T}` : T extends number | boolean | null | undefined ? T'
        + ' : T extends Array<infer U> ? Array<AsJson<U>> : T extends object ? { [K in keyof T]: AsJson<T[K]> } : T;',
    ];
    const used = new Set();
    const checks = [];
    for (const panel of dashboard.panels ?? []) {
      if (panel.type === 'row') {
        continue;
      }
      if (!(panel.type in panelTypes)) {
        problems.push(`${file}: panel '${panel.title}' has type '${panel.type}', which this check has no types for`);
        continue;
      }
      const alias = panel.type.replace(/[^a-z]/g, '_');
      if (!used.has(alias)) {
        used.add(alias);
        lines.push(`import type * as ${alias} from '${panelModule(release, panel.type).replace(/\\/g, '/')}';`);
      }
      checks.push(`// panel ${panel.id}: ${panel.title}`);
      checks.push(`export const options_${panel.id}: AsJson<${alias}.Options> = ${JSON.stringify(panel.options ?? {})};`);
      if (panel.fieldConfig?.defaults?.custom) {
        checks.push(`export const custom_${panel.id}: AsJson<${alias}.FieldConfig> = ${JSON.stringify(panel.fieldConfig.defaults.custom)};`);
      }
    }
    lines.push(`export const dashboard: AsJson<Dashboard> = ${JSON.stringify(dashboard, null, 2)};`, ...checks, '');
    const out = path.join(generated, `${release}-${file.replace(/\.json$/, '')}.ts`);
    fs.writeFileSync(out, lines.join('\n'));
    files.push(out);
  }
}
const program = ts.createProgram(files, {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  types: [],
});
for (const d of ts.getPreEmitDiagnostics(program)) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (d.file) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const name = path.basename(d.file.fileName);
    problems.push(`${name}:${line + 1}:${character + 1}: ${message}`);
  } else {
    problems.push(message);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s); the generated files are in ${generated}`);
  process.exit(1);
}
const versions = releases.map((r) => {
  const pkg = JSON.parse(fs.readFileSync(path.join(here, 'node_modules', r, 'package.json'), 'utf8'));
  return `${pkg.name} ${pkg.version}`;
});
console.log(`${dashboards.length} dashboards passed against ${versions.join(', ')} (TypeScript ${ts.version})`);
