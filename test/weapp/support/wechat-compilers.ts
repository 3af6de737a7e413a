/**
 * WeChat's own WXML and WXSS compilers, `wcc` and `wcsc` — the binaries WeChat DevTools uses,
 * shipped for Linux, macOS and Windows in npm `miniprogram-compiler` (a dependency of
 * miniprogram-simulate). They are called here directly, with the arguments that package's own
 * wrapper uses, so that a failure comes back as an exit status and WeChat's message (the wrapper
 * returns instead of throwing on WXSS errors).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface CompileResult {
  ok: boolean;
  status: number | null;
  /** WeChat's diagnostics (file:line: message). */
  stderr: string;
  stdout: string;
}

function compilerBinary(name: 'wcc' | 'wcsc'): string {
  let pkg: string;
  try {
    pkg = dirname(require.resolve('miniprogram-compiler/package.json'));
  } catch {
    throw new Error('npm `miniprogram-compiler` is missing: it comes with miniprogram-simulate (devDependencies). Run npm ci.');
  }
  const file =
    process.platform === 'darwin'
      ? join(pkg, 'bin', 'mac', name)
      : process.platform === 'win32'
        ? join(pkg, 'bin', 'windows', `${name}.exe`)
        : join(pkg, 'bin', 'linux', name);
  if (!existsSync(file)) throw new Error(`miniprogram-compiler has no ${name} for ${process.platform}: ${file}`);
  // npm unpacks the Linux binaries without the executable bit (the package's wrapper chmods too).
  if (process.platform !== 'win32' && (statSync(file).mode & 0o111) === 0) chmodSync(file, 0o755);
  return file;
}

/** Every file under `root` (relative, with forward slashes) whose name ends with one of `exts`. */
export function listFiles(root: string, ...exts: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (exts.some((ext) => entry.name.endsWith(ext))) {
        out.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return out.sort();
}

function readJson(file: string): Record<string, any> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  } catch {
    return null;
  }
}

function run(binary: string, args: string[], cwd: string): CompileResult {
  const result = spawnSync(binary, args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { ok: result.status === 0, status: result.status, stderr: result.stderr, stdout: result.stdout };
}

/**
 * Compiles every .wxml (pages, Taro's base.wxml and comp.wxml) and .wxs under `root` in one `wcc`
 * run, as DevTools does, declaring each file's usingComponents the way wcc expects.
 */
export function compileWxml(root: string): CompileResult & { wxml: string[]; wxs: string[] } {
  const wxml = listFiles(root, '.wxml');
  const wxs = listFiles(root, '.wxs');
  const components: string[] = [];
  let withComponents = 0;
  for (const file of wxml) {
    const json = readJson(resolve(root, file.replace(/\.wxml$/, '.json')));
    const using = Object.keys(json?.usingComponents ?? {});
    if (using.length) {
      withComponents++;
      components.push(file, String(using.length), ...using);
    }
  }
  const args = ['-d', '-cc', [withComponents, ...components].join(' '), ...wxml, ...wxs, '-gn', '$gwx'];
  return { ...run(compilerBinary('wcc'), args, root), wxml, wxs };
}

/**
 * Compiles every .wxss under `root` in one `wcsc` run; files with a .json next to them (the app,
 * pages and components) are the entry styles, the rest are only imported.
 */
export function compileWxss(root: string): CompileResult & { wxss: string[] } {
  const wxss = listFiles(root, '.wxss');
  const entries = wxss.filter((file) => existsSync(resolve(root, file.replace(/\.wxss$/, '.json'))));
  const imported = wxss.filter((file) => !entries.includes(file));
  const args = ['-db', '-pc', String(entries.length), ...entries, ...imported];
  return { ...run(compilerBinary('wcsc'), args, root), wxss };
}

/** The entry styles wcsc compiled, from its `name=code=name=code…` output. */
export function compiledWxssEntries(stdout: string): string[] {
  const parts = stdout.split('=');
  const names: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) names.push(parts[i]!);
  return names.filter((name) => name.endsWith('.wxss'));
}

/** The path wcc's output resolves `<import src>`/`<include src>`/`<wxs src>` to, relative to root. */
export function resolveWxmlReference(root: string, fromFile: string, src: string): string {
  const base = src.startsWith('/') ? resolve(root, `.${src}`) : resolve(root, dirname(fromFile), src);
  return relative(root, base).split(sep).join('/');
}
