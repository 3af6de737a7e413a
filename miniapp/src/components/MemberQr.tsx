import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * The member code as a QR image. qrcode-generator draws a GIF data URL in plain JS, which both
 * WeChat's <image> and the browser show; a grid of Views would mean ~1,000 nodes per refresh.
 */
export function MemberQr({ text }: { text: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(8, 16);
  }, [text]);
  return (
    <View className="tk-qr">
      <Image className="tk-qr-image" src={src} mode="aspectFit" />
    </View>
  );
}
