/**
 * Full brightness while the enlarged member code is shown (a scanner reads a bright screen
 * better), then the member's own level back. WeChat only: a browser cannot set it.
 */
import Taro from '@tarojs/taro';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** Raises the brightness; the returned function puts the previous level back (once). */
export async function raiseBrightness(): Promise<() => void> {
  if (!isWeapp) return () => undefined;
  let previous: number | null = null;
  try {
    previous = (await Taro.getScreenBrightness()).value;
    await Taro.setScreenBrightness({ value: 1 });
  } catch {
    // Not allowed or not supported on this device: the code is still shown, just not brighter.
  }
  let restored = false;
  return () => {
    if (restored || previous === null) return;
    restored = true;
    Taro.setScreenBrightness({ value: previous }).catch(() => undefined);
  };
}
