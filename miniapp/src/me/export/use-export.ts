/**
 * 导出我的数据's model: one tap asks for the copy (an Idempotency-Key per tap, kept for 重试 when the
 * answer was lost, so a retry is not counted as another export), then hands over the file — on H5 a
 * download, on WeChat a file in the mini-program's user folder the member forwards
 * (转发给好友 / 文件传输助手). The page holds only layout.
 */
import { useState } from 'react';
import { privacyExportRoutes } from '../../../../shared/contract/routes/privacy-export';
import type { ExportDocument } from '../../../../shared/schemas/export';
import { callRoute } from '../../api/client';
import { useSubmit } from '../../lib/use-submit';
import { downloadText, savesWechatFile, shareWechatFile, writeWechatFile } from '../../lib/save-file';
import { exportFileName, exportFileText } from './export-summary';

export { savesWechatFile };

export function useExport() {
  const request = useSubmit('data-export', (key) => callRoute(privacyExportRoutes.meExport, { idempotencyKey: key }));
  const [doc, setDoc] = useState<ExportDocument | null>(null);
  /** weapp: where the file was written (null until then, or if writing failed). */
  const [filePath, setFilePath] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const handOver = async (value: ExportDocument) => {
    const fileName = exportFileName(value);
    const text = exportFileText(value);
    setFileError(null);
    try {
      if (savesWechatFile) setFilePath(await writeWechatFile(fileName, text));
      else downloadText(fileName, text, 'application/json;charset=utf-8');
    } catch {
      setFileError('文件保存失败，请重试');
    }
  };

  const generate = async () => {
    const outcome = await request.submit();
    if (!outcome.ok) return;
    setDoc(outcome.value);
    await handOver(outcome.value);
  };

  /** weapp: WeChat's own sheet to send the file to a chat (must follow a tap). */
  const share = async () => {
    if (!doc || !filePath) return;
    try {
      await shareWechatFile(filePath, exportFileName(doc));
    } catch {
      setFileError('转发失败，请重试');
    }
  };

  return {
    doc,
    busy: request.busy,
    error: request.error,
    retry: () => void request.retry().then((outcome) => (outcome.ok ? (setDoc(outcome.value), handOver(outcome.value)) : undefined)),
    generate,
    /** Downloads (H5) or writes (weapp) the file again. */
    saveAgain: () => (doc ? handOver(doc) : Promise.resolve()),
    share,
    filePath,
    fileError,
  };
}
