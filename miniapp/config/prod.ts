import type { UserConfigExport } from '@tarojs/cli';

export default {
  // The animated progress bar floods CI logs: plain output when not on a terminal.
  logger: { quiet: !process.stdout.isTTY, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
