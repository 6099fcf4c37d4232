/** The dashboards harness ships, in one explicit list. */
import type { DashboardSpec } from './builder/dashboard.ts';
import { loadRunDashboard } from './load-run.ts';
import { serviceDashboard } from './service.ts';

export const DASHBOARDS: readonly DashboardSpec[] = [loadRunDashboard, serviceDashboard];
