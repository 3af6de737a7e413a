import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro build config for both targets (`taro build --type weapp|h5`).
 * - NutUI is designed at 375 px, our own styles at 750 px (designWidth as a function).
 * - `../shared` (the zod schemas and rules shared with the API) sits outside `src`, so the script
 *   rule must be told to compile it.
 * - The WeChat build talks to an absolute API base; the H5 build uses same-origin `/v1/*`
 *   (the local stack serves H5 and proxies `/v1` to the API).
 */
const sharedDir = path.resolve(__dirname, '..', '..', 'shared');

export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV ?? 'weapp';
  const apiBase = env === 'h5' ? '' : (process.env.TONGKA_API_BASE ?? 'http://127.0.0.1:3000');

  // Taro passes the rest of `cache` to webpack's filesystem cache; the directory is kept under
  // miniapp/node_modules (git-ignored), one cache per target (Taro names it by env).
  const cache = { enable: true, cacheDirectory: path.resolve(__dirname, '..', 'node_modules', '.cache', 'webpack') };

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tongka',
    date: '2025-1-1',
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: [],
    defineConstants: {
      TONGKA_API_BASE: JSON.stringify(apiBase),
      // WeChat subscribe-message template of the booking reminder (empty: the app does not ask).
      TONGKA_BOOKING_REMINDER_TEMPLATE_ID: JSON.stringify(process.env.TONGKA_BOOKING_REMINDER_TEMPLATE_ID ?? ''),
    },
    // Every stylesheet gets the design tokens ($tk-…) and the shared mixins: no CSS of their own, so nothing is emitted twice.
    sass: { resource: ['tokens.scss', 'mixins.scss'].map((file) => path.resolve(__dirname, '..', 'src', 'styles', file)) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache,
    mini: {
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      // Taro splits only the initial chunk, so every lazily loaded page would carry its own copy of
      // NutUI, zod and the API client; share them across pages instead.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks') as Record<string, unknown> | false | undefined;
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
        // Taro's own React components module cannot be cached and says so on every build.
        chain.set('infrastructureLogging', { level: 'error' });
        // A phone-sized app over a LAN: webpack's desktop-web size hints are noise here.
        chain.performance.hints(false);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
