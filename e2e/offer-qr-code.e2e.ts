import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { adminApiKey, baseUrl, createIssuance } from './support/issuer-api.js';
import { readPng } from './support/read-png.js';

const get = (url: string) => fetch(url, { headers: { authorization: `Bearer ${adminApiKey()}` } });

// The platform renders with a 4-module quiet zone; the PNG at 8 pixels a module.
const MARGIN = 4;
const SCALE = 8;

describe('QR codes of an offer', () => {
  it('links both images from the issuance and renders its offer URL as a PNG of exactly that QR symbol', async () => {
    const issuance = (await createIssuance()) as Awaited<ReturnType<typeof createIssuance>> & { qr_code_png: string; qr_code_svg: string };
    expect(issuance.qr_code_png).toBe(`${baseUrl()}/admin/v1/issuances/${issuance.id}/qr.png`);
    expect(issuance.qr_code_svg).toBe(`${baseUrl()}/admin/v1/issuances/${issuance.id}/qr.svg`);
    const fetched = (await (await get(`${baseUrl()}/admin/v1/issuances/${issuance.id}`)).json()) as Record<string, unknown>;
    expect(fetched).toMatchObject({ offer_url: issuance.offer_url, credential_offer_uri: issuance.credential_offer_uri, qr_code_png: issuance.qr_code_png, qr_code_svg: issuance.qr_code_svg });

    const response = await get(issuance.qr_code_png);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = readPng(Buffer.from(await response.arrayBuffer()));

    // The symbol a wallet's scanner would read is the one for the offer URL, module for module.
    const symbol = QRCode.create(issuance.offer_url, { errorCorrectionLevel: 'M' });
    const size = symbol.modules.size;
    expect({ width: png.width, height: png.height }).toEqual({ width: (size + 2 * MARGIN) * SCALE, height: (size + 2 * MARGIN) * SCALE });
    const differing: string[] = [];
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) {
        const center = (index: number) => (index + MARGIN) * SCALE + SCALE / 2;
        if (png.dark(center(column), center(row)) !== Boolean(symbol.modules.get(row, column))) differing.push(`${row},${column}`);
      }
    }
    expect(differing).toEqual([]);
    expect(png.dark(1, 1)).toBe(false);
  });

  it('renders the same URL as an SVG drawn with a path', async () => {
    const issuance = await createIssuance({ authorizationCode: true });
    const response = await get(`${baseUrl()}/admin/v1/issuances/${issuance.id}/qr.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml\b/);
    const svg = await response.text();
    const size = QRCode.create(issuance.offer_url, { errorCorrectionLevel: 'M' }).modules.size;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`viewBox="0 0 ${size + 2 * MARGIN} ${size + 2 * MARGIN}"`);
    expect(svg).toMatch(/<path [^>]*stroke="#000000"[^>]* d="M[^"]+"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('answers 404 for an issuance it does not know, and 401 without the API key', async () => {
    for (const image of ['qr.png', 'qr.svg']) {
      const unknown = await get(`${baseUrl()}/admin/v1/issuances/${randomUUID()}/${image}`);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as Record<string, unknown>)['error']).toBe('not_found');
    }
    const issuance = await createIssuance();
    expect((await fetch(`${baseUrl()}/admin/v1/issuances/${issuance.id}/qr.png`)).status).toBe(401);
  });
});
