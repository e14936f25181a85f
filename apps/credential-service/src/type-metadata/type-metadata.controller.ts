import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import { TYPE_METADATA_PATH_PREFIX } from '@issuer/protocol-oid4vci';
import type { FastifyReply } from 'fastify';
import { TYPE_METADATA, type TypeMetadataDocuments } from './type-metadata.provider.js';

// SD-JWT VC Section 6.3.4: without an integrity hash a consumer caches by Cache-Control.
const MAX_AGE_SECONDS = 3600;

/** SD-JWT VC Section 6.3.1: the type metadata of the issuer's own types, at the URL their vct names. */
@Controller(TYPE_METADATA_PATH_PREFIX.slice(1, -1))
export class TypeMetadataController {
  constructor(
    @Inject(TYPE_METADATA) private readonly documents: TypeMetadataDocuments,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get(':name')
  @Header('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`)
  typeMetadata(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const document = this.documents.get(`${this.config.publicUrl}${TYPE_METADATA_PATH_PREFIX}${name}`);
    if (!document) {
      throw notFound({
        reason: `This issuer serves no type metadata at ${TYPE_METADATA_PATH_PREFIX}${name}.`,
        help: `Fetch the vct of a credential this issuer signed; it serves type metadata for the vct values under ${this.config.publicUrl}${TYPE_METADATA_PATH_PREFIX}, not for URNs or other hosts.`,
        specRef: 'SD-JWT VC Section 6.3.1',
      });
    }
    // The bytes integrity was computed over, unchanged: the string is sent as is.
    void reply.header('content-type', 'application/json');
    return document.body;
  }
}
