CREATE TABLE `postmortem_links` (
	`incident_id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`linked_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`linked_by` text NOT NULL,
	`linked_by_token_id` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
