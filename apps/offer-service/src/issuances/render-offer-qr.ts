import QRCode from 'qrcode';

// Medium error correction and a 4-module quiet zone (ISO/IEC 18004 Section 9.1) keep it scannable from a screen.
const options = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function renderOfferQrSvg(offerUrl: string): Promise<string> {
  return QRCode.toString(offerUrl, { ...options, type: 'svg' });
}

export function renderOfferQrPng(offerUrl: string): Promise<Buffer> {
  return QRCode.toBuffer(offerUrl, { ...options, type: 'png', scale: 8 });
}
