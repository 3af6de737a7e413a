/**
 * Handing a text file to the user, the same way in every page that makes one (导出我的数据, 数据看板's
 * CSV): on H5 the browser downloads it; on WeChat it is written under the mini-program's user folder
 * (`wx.env.USER_DATA_PATH`) and forwarded with WeChat's own sheet (转发给好友 / 文件传输助手).
 */
import Taro from '@tarojs/taro';

/** The weapp build saves a file to forward; the H5 build downloads it. */
export const savesWechatFile = process.env.TARO_ENV === 'weapp';

/** H5: the browser downloads the text as a file (Blob + <a download>). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const userFile = (fileName: string) => `${Taro.env.USER_DATA_PATH}/${fileName}`;

/** WeChat: writes the file under the mini-program's user folder; answers its path. */
export function writeWechatFile(fileName: string, text: string): Promise<string> {
  const filePath = userFile(fileName);
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: text,
      encoding: 'utf8',
      success: () => resolve(filePath),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

/**
 * WeChat: writes the file at once (synchronously) and opens the forward sheet, inside the same tap —
 * WeChat opens `shareFileMessage` only from a tap. Answers false when the user cancelled.
 */
export async function writeAndShareWechatFile(fileName: string, text: string): Promise<boolean> {
  const filePath = userFile(fileName);
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  return shareWechatFile(filePath, fileName);
}

/** WeChat's sheet to send a saved file to a chat (must follow a tap). False when the user cancelled. */
export async function shareWechatFile(filePath: string, fileName: string): Promise<boolean> {
  try {
    await Taro.shareFileMessage({ filePath, fileName });
    return true;
  } catch (err) {
    if (((err as { errMsg?: string }).errMsg ?? '').includes('cancel')) return false;
    throw err;
  }
}
