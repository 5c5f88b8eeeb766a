CREATE TABLE `data_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`checkpoint` text NOT NULL,
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
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_alerts_incident_checkpoint_channel` ON `sla_alerts` (`incident_id`,`checkpoint`,`channel`);--> statement-breakpoint
CREATE INDEX `sla_alerts_due` ON `sla_alerts` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `summary_publications` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`version` integer NOT NULL,
	`summary_version_id` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by_token_id` text,
	`published_by` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`summary_version_id`) REFERENCES `summary_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_publications_incident_version` ON `summary_publications` (`incident_id`,`version`);--> statement-breakpoint
CREATE INDEX `summary_publications_published_at` ON `summary_publications` (`published_at`);--> statement-breakpoint
CREATE TABLE `summary_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`version` integer NOT NULL,
	`markdown` text NOT NULL,
	`ok` integer NOT NULL,
	`words` integer NOT NULL,
	`findings` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_token_id` text,
	`created_by` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_versions_incident_version` ON `summary_versions` (`incident_id`,`version`);--> statement-breakpoint
INSERT INTO `data_version` (`id`, `version`) VALUES (1, 0);
