CREATE TABLE `domain_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`subject_id` text NOT NULL,
	`scope` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`fanned_out_at` integer
);
--> statement-breakpoint
CREATE INDEX `domain_events_pending` ON `domain_events` (`fanned_out_at`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`status` text NOT NULL,
	`everything` integer NOT NULL,
	`maintenance` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`confirmed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_channel_address` ON `subscribers` (`channel`,`address`);--> statement-breakpoint
CREATE INDEX `subscribers_status` ON `subscribers` (`status`);--> statement-breakpoint
CREATE TABLE `subscriber_targets` (
	`subscriber_id` text NOT NULL,
	`target_id` text NOT NULL,
	PRIMARY KEY(`subscriber_id`, `target_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subscriber_targets_target` ON `subscriber_targets` (`target_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`incident_id` text,
	`checkpoint` text,
	`event_id` text,
	`subscriber_id` text,
	`type` text NOT NULL,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `notifications` (`id`, `kind`, `dedupe_key`, `incident_id`, `checkpoint`, `event_id`, `subscriber_id`, `type`, `channel`, `target`, `payload`, `status`, `attempts`, `next_attempt_at`, `last_error`, `created_at`, `updated_at`, `delivered_at`)
SELECT `id`, 'sla', 'sla:' || `incident_id` || ':' || `checkpoint` || ':' || `channel`, `incident_id`, `checkpoint`, NULL, NULL, `type`, `channel`, `target`, `payload`, `status`, `attempts`, `next_attempt_at`, `last_error`, `created_at`, `updated_at`, `delivered_at` FROM `sla_alerts`;--> statement-breakpoint
DROP TABLE `sla_alerts`;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_key_unique` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_due` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_incident` ON `notifications` (`incident_id`,`checkpoint`);--> statement-breakpoint
CREATE INDEX `notifications_subscriber` ON `notifications` (`subscriber_id`);--> statement-breakpoint
ALTER TABLE `data_version` ADD `changed_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `data_version` SET `changed_at` = coalesce((SELECT max(`at`) FROM `audit_log`), 0);
