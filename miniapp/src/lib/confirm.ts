import Taro from '@tarojs/taro';

/**
 * The confirm button's colour of a destructive action (撤销, 结束, 停止提供, 取消预约): the brand red
 * of styles/tokens.scss `$tk-danger`, which WeChat's modal takes only as a literal colour.
 */
export const DANGER_COLOR = '#c8102e';

/** Asks before a destructive action, its confirm button red; true when the user confirmed. */
export async function confirmDestructive(options: { title: string; content: string; confirmText: string }): Promise<boolean> {
  const { confirm } = await Taro.showModal({ ...options, cancelText: '取消', confirmColor: DANGER_COLOR });
  return confirm;
}
