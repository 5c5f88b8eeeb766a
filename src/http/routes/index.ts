// Every area's router for /api/v1, registered in one list.
import { componentRoutes } from './components';
import { incidentRoutes } from './incidents';
import { maintenanceRoutes } from './maintenances';
import { pageSettingsRoutes } from './page-settings';
import { postmortemRoutes } from './postmortems';
import { slaRoutes } from './sla';
import { subscriberRoutes } from './subscribers';
import { summaryRoutes } from './summaries';
import { tokenRoutes } from './tokens';

export const apiV1Routers = [
  componentRoutes,
  incidentRoutes,
  maintenanceRoutes,
  tokenRoutes,
  pageSettingsRoutes,
  slaRoutes,
  postmortemRoutes,
  summaryRoutes,
  subscriberRoutes,
];
