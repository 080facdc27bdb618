/** The CronJob controller and its schedule math. */
export { cronJobController, CRONJOB_SETTINGS } from './cronjob-controller.js';
export { CronJobReconciler, INSTANTIATE_ANNOTATION, SCHEDULED_TIMESTAMP_ANNOTATION, jobFromTemplate } from './cronjob-sync.js';
export { jobNameFor, parseSchedule, type Schedule } from './schedule.js';
