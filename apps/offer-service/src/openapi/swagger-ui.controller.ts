import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { notFound } from '@issuer/protocol-errors';
import type { FastifyReply } from 'fastify';

/** Swagger UI's own files, served from the swagger-ui-dist package: the page works offline. */
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const assetDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Issuer platform management API</title>
  <link rel="stylesheet" href="/admin/docs/swagger-ui.css">
  <link rel="stylesheet" href="/admin/docs/index.css">
  <link rel="icon" type="image/png" href="/admin/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/admin/docs/swagger-ui-bundle.js"></script>
  <script src="/admin/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/admin/docs/swagger-initializer.js"></script>
</body>
</html>
`;

const initializer = `window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: '/admin/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

// Swagger UI sets inline styles and shows data: images; it loads nothing from another origin.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

@Controller('admin/docs')
export class SwaggerUiController {
  private readonly files = new Map<string, Buffer>();

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', contentSecurityPolicy)
  index() {
    return page;
  }

  @Get('swagger-initializer.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  initializer() {
    return initializer;
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply) {
    const type = Object.hasOwn(assets, file) ? assets[file] : undefined;
    if (!type) throw notFound({ reason: `No file ${file} in the API documentation.`, help: 'Open /admin/docs.' });
    let content = this.files.get(file);
    if (!content) this.files.set(file, (content = readFileSync(join(assetDir, file))));
    return reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(content);
  }
}
