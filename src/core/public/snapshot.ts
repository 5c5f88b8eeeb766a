// What the public page may know: a read model with nothing internal in it (no lead, email,
// webhook or drafts). The store builds it; views, feeds and the v2 JSON only read it.
import type {
  Component,
  ComponentGroup,
  EpochMs,
  Incident,
  IncidentStatus,
  IncidentUpdate,
  Maintenance,
} from '../types';
import type { PageSettings } from './page-settings';

export interface PublishedSummary {
  version: number;
  markdown: string;
  /** When this (the newest) version was published. */
  publishedAt: EpochMs;
  /** When the first version was published: that instant stopped the SLA clock. */
  firstPublishedAt: EpochMs;
}

export interface PublicIncident
  extends Pick<
    Incident,
    'id' | 'title' | 'severity' | 'startedAt' | 'resolvedAt' | 'components' | 'createdAt' | 'updatedAt'
  > {
  status: IncidentStatus;
  /** Oldest first. */
  /** `editedAt`: when the text was last corrected (null: as posted); optional for records built by hand. */
  updates: (Pick<IncidentUpdate, 'id' | 'status' | 'body' | 'createdAt'> & { editedAt?: IncidentUpdate['editedAt'] })[];
  summary: PublishedSummary | null;
}

export interface SummaryCommitment {
  /** The publication deadline, or null when this incident's severity owes no summary. */
  deadline: EpochMs | null;
  /** Whether the published summary met the deadline; null while unpublished or not owed. */
  met: boolean | null;
}

export interface PageInfo {
  id: string;
  url: string;
  settings: PageSettings;
  /** The newest change the page knows about (any write), for Last-Modified and `page.updated_at`. */
  updatedAt: EpochMs;
}

export interface StatusSnapshot {
  page: PageInfo;
  now: EpochMs;
  groups: ComponentGroup[];
  components: Component[];
  /** Open public incidents, newest first. */
  open: PublicIncident[];
  /** Public incidents that touch the uptime window (started or still affecting within it), any status. */
  recent: PublicIncident[];
  maintenances: Maintenance[];
}
