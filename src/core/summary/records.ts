// A saved customer-summary version and its publication, as the domain knows them.
import type { EpochMs } from '../types';
import type { Finding } from './types';

export interface SummaryVersion {
  id: string;
  incidentId: string;
  version: number;
  markdown: string;
  ok: boolean;
  words: number;
  findings: Finding[];
  createdAt: EpochMs;
  createdByTokenId: string | null;
  createdBy: string;
}

export interface SummaryPublication {
  id: string;
  incidentId: string;
  version: number;
  summaryVersionId: string;
  publishedAt: EpochMs;
  publishedByTokenId: string | null;
  publishedBy: string;
}
