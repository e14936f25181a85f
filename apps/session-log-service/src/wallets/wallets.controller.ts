import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import type { SessionLogRepository } from '@issuer/data-access-session-log';
import { AdminApiKeyGuard } from '@issuer/nest';
import { SESSION_LOG_REPOSITORY } from '../session-log-repository.provider.js';
import { aggregateWallets } from './aggregate-wallets.js';

/** Wallet compatibility: the newest sessions grouped by wallet, with the features each exercised and where each failed. */
@Controller('admin/v1')
@UseGuards(AdminApiKeyGuard)
export class WalletsController {
  constructor(@Inject(SESSION_LOG_REPOSITORY) private readonly repository: SessionLogRepository) {}

  @Get('wallets')
  async list(@Query('sessions') sessions?: string) {
    return aggregateWallets(await this.repository.listSessionsWithRequests(clampSessions(sessions)));
  }
}

function clampSessions(value: string | undefined): number {
  const parsed = Number(value ?? 500);
  return Number.isFinite(parsed) ? Math.min(Math.max(Math.trunc(parsed), 1), 2000) : 500;
}
