/**
 * The WeChat build (miniapp/dist/weapp) as WeChat would take it: every WXML/WXS file through
 * WeChat's own `wcc`, every WXSS through its own `wcsc`, and app.json checked against the files
 * and the package-size limit.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WEAPP_DIST } from './support/mini-program';
import { compileWxml, compileWxss, compiledWxssEntries, listFiles, resolveWxmlReference } from './support/wechat-compilers';

/** WeChat's limit for the main package and for each subpackage. */
const PACKAGE_LIMIT = 2 * 1024 * 1024;
/** WeChat's limit for all packages together. */
const TOTAL_LIMIT = 20 * 1024 * 1024;

if (!existsSync(join(WEAPP_DIST, 'app.json'))) {
  throw new Error(`No WeChat build in ${WEAPP_DIST}: run \`npm run build:weapp\` first (npm run test:weapp does).`);
}

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}
const appJson = JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson;
const subPackages = appJson.subPackages ?? appJson.subpackages ?? [];
const subRoots = subPackages.map((p) => p.root.replace(/^\/|\/$/g, '') + '/');
const allPages = [...appJson.pages, ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/^\/|\/$/g, '')}/${page}`))];

const sizeOf = (files: string[]) => files.reduce((sum, file) => sum + statSync(join(WEAPP_DIST, file)).size, 0);
/** What WeChat uploads: everything but source maps. */
const shipped = listFiles(WEAPP_DIST, '').filter((file) => !file.endsWith('.map'));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe("WeChat's compilers accept the build", () => {
  it('wcc compiles every WXML and WXS file (pages, base.wxml, comp.wxml, utils.wxs) together', () => {
    const result = compileWxml(WEAPP_DIST);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.wxml).toEqual(expect.arrayContaining(['base.wxml', 'comp.wxml', ...allPages.map((page) => `${page}.wxml`)]));
    expect(result.wxs).toContain('utils.wxs');
    // Every page's template made it into the compiled $gwx bundle.
    expect(result.stdout).toContain('$gwx');
    for (const file of result.wxml) expect(result.stdout).toContain(`'${file}'`);
  });

  it('every <import>, <include> and <wxs src> in the WXML points at a file that exists', () => {
    // wcc itself lets a missing import through; WeChat only warns at run time and renders nothing.
    const missing: string[] = [];
    for (const file of listFiles(WEAPP_DIST, '.wxml')) {
      const source = readFileSync(join(WEAPP_DIST, file), 'utf8');
      for (const match of source.matchAll(/<(import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g)) {
        const target = resolveWxmlReference(WEAPP_DIST, file, match[2]!);
        if (!existsSync(join(WEAPP_DIST, target))) missing.push(`${file}: <${match[1]} src="${match[2]}"> → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('wcsc compiles every WXSS file, the app, each page and the shared styles', () => {
    const result = compileWxss(WEAPP_DIST);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const entries = compiledWxssEntries(result.stdout);
    expect(entries).toContain('app.wxss');
    for (const page of allPages) {
      if (existsSync(join(WEAPP_DIST, `${page}.wxss`))) expect(entries).toContain(`${page}.wxss`);
    }
  });

  describe('and reject what WeChat would reject (so the checks above can fail)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'tongka-weapp-'));
      cpSync(WEAPP_DIST, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('wcc rejects a page whose WXML has an unclosed tag, naming the file', () => {
      appendFileSync(join(dir, 'pages/card/index.wxml'), '\n<view class="broken"><text>{{points}}</text>\n');
      const result = compileWxml(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/pages\/card\/index\.wxml:\d+:\d+: end tag missing/);
    });

    it('wcc rejects a bad {{ }} expression', () => {
      writeFileSync(join(dir, 'pages/login/index.wxml'), '<view>{{ points + }}</view>\n');
      const result = compileWxml(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/pages\/login\/index\.wxml:1:\d+: Bad value/);
    });

    it('wcsc rejects a page whose WXSS has an unclosed block, naming the file', () => {
      appendFileSync(join(dir, 'pages/card/index.wxss'), '\n.broken { color: red;\n');
      const result = compileWxss(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/pages\/card\/index\.wxss\(\d+:\d+\)/);
    });
  });
});

describe('app.json', () => {
  it.each(allPages)('lists %s, which exists with its .js, .wxml and .json', (page) => {
    const missing = ['.js', '.wxml', '.json'].map((ext) => `${page}${ext}`).filter((file) => !existsSync(join(WEAPP_DIST, file)));
    expect(missing).toEqual([]);
    expect(() => JSON.parse(readFileSync(join(WEAPP_DIST, `${page}.json`), 'utf8'))).not.toThrow();
  });

  it('every component a page or component uses exists', () => {
    const missing: string[] = [];
    for (const file of listFiles(WEAPP_DIST, '.json')) {
      if (file === 'app.json' || file === 'project.config.json') continue;
      const json = JSON.parse(readFileSync(join(WEAPP_DIST, file), 'utf8')) as { usingComponents?: Record<string, string> };
      for (const [name, path] of Object.entries(json.usingComponents ?? {})) {
        if (path.startsWith('plugin://')) continue;
        const base = path.startsWith('/') ? resolve(WEAPP_DIST, `.${path}`) : resolve(WEAPP_DIST, file, '..', path);
        for (const ext of ['.js', '.json', '.wxml']) if (!existsSync(`${base}${ext}`)) missing.push(`${file}: ${name} → ${path}${ext}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('puts every tab-bar page in the main package', () => {
    const tabPages = (appJson.tabBar?.list ?? []).map((item) => item.pagePath.replace(/^\//, ''));
    expect(tabPages.length).toBeGreaterThan(0);
    for (const page of tabPages) {
      expect(appJson.pages).toContain(page);
      expect(subRoots.filter((root) => page.startsWith(root))).toEqual([]);
    }
  });

  it('keeps the staff pages in their subpackage, out of the main package', () => {
    expect(subRoots).toContain('staff/');
    for (const page of appJson.pages) expect(subRoots.filter((root) => page.startsWith(root))).toEqual([]);
  });

  const mainFiles = shipped.filter((file) => !subRoots.some((root) => file.startsWith(root)));
  const mainSize = sizeOf(mainFiles);
  it(`keeps the main package under 2 MB (now ${kb(mainSize)}, without source maps)`, () => {
    expect(mainSize).toBeLessThan(PACKAGE_LIMIT);
  });

  it.each(subRoots)('keeps subpackage %s under 2 MB', (root) => {
    expect(sizeOf(shipped.filter((file) => file.startsWith(root)))).toBeLessThan(PACKAGE_LIMIT);
  });

  it('keeps all packages together under 20 MB', () => {
    expect(sizeOf(shipped)).toBeLessThan(TOTAL_LIMIT);
  });
});
