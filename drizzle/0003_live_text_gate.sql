ALTER TABLE `audit_log` ADD `details` text;--> statement-breakpoint
ALTER TABLE `incident_updates` ADD `edited_at` integer;