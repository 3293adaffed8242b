//! Settings from flags and environment. Every setting is checked before anything starts, and
//! a bad one stops the program with a one-line reason.

use crate::mail::{Delivery, MailSettings};
use app::mail::Postbox;
use app::{
    auth::cookie::SessionSettings,
    db::sessions::SessionPolicy,
    domain::site::{DEFAULT_ORGANISATION_NAME, DEFAULT_SERVICE_NAME, SiteInfo},
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use leptos::config::{Env, LeptosOptions};
use lettre::{Address, AsyncSmtpTransport, Tokio1Executor, message::Mailbox};
use std::{net::SocketAddr, path::PathBuf, time::Duration};
use url::Url;

/// The name cargo-leptos gives the wasm, JavaScript and CSS files (`name` in Cargo.toml's
/// `[[workspace.metadata.leptos]]`).
const OUTPUT_NAME: &str = "champions";

#[derive(Debug, Parser)]
#[command(
    name = "champions",
    version,
    about = "Champions Network: the directory, glossary, meetings and escalations of a Think Family champions network",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Where the database is. A relative SQLite path is taken from the working directory.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://champions.db?mode=rwc",
        global = true
    )]
    pub database_url: String,

    /// How log lines are written.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Settings of `serve`, which runs when no command is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the site (the default).
    Serve(ServeArgs),
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Load the demo network into an empty database (does nothing to a database with data).
    SeedDemo,
    /// Invite a person: create their account and print a one-time link (72 hours) with which
    /// they choose a password and sign in. How the first coordinator gets in.
    CreateUser {
        #[arg(long)]
        email: String,
        /// Their full name.
        #[arg(long)]
        name: String,
        /// staff, champion, coordinator or board.
        #[arg(long)]
        role: String,
        /// The address people use to reach the service, for the link.
        #[arg(long, env = "PUBLIC_URL", default_value = "http://127.0.0.1:3000")]
        public_url: Url,
    },
    /// Write a consistent copy of the database to a new file, also while the server runs.
    Backup {
        /// The file to create. It must not exist yet.
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site (the wasm, JavaScript and CSS under `pkg/`).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// The service's name, shown in the header and page titles.
    #[arg(long, env = "SERVICE_NAME", default_value = DEFAULT_SERVICE_NAME)]
    pub service_name: String,

    /// The organisation that runs the service, shown in the header and footer.
    #[arg(long, env = "ORGANISATION_NAME", default_value = DEFAULT_ORGANISATION_NAME)]
    pub organisation_name: String,

    /// The address people use to reach the service, e.g. https://champions.example.org. With
    /// https, responses carry Strict-Transport-Security.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<Url>,

    /// Seconds a request may take before it is answered 408.
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub request_timeout_secs: u64,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 8 * 60,
          value_parser = clap::value_parser!(u32).range(5..=(24 * 60)))]
    pub session_idle_minutes: u32,

    /// Hours after signing in at which a session ends however busy it is.
    #[arg(long, env = "SESSION_MAX_HOURS", default_value_t = 7 * 24,
          value_parser = clap::value_parser!(u32).range(1..=(90 * 24)))]
    pub session_max_hours: u32,

    /// Where mail goes: an SMTP server, e.g. `smtp://user:password@mail.example.org:587?tls=required`
    /// (STARTTLS) or `smtps://…:465`. Unset: each email is written as an `.eml` file in MAIL_DIR.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The folder emails are written to when SMTP_URL is unset. Created if missing.
    #[arg(long, env = "MAIL_DIR", default_value = "mail")]
    pub mail_dir: PathBuf,

    /// The sender of every email, e.g. `champions@example.org`; shown with the service's name.
    #[arg(long, env = "MAIL_FROM", default_value = "champions@localhost")]
    pub mail_from: String,

    /// Days before a meeting its reminder is emailed to everyone invited (once).
    #[arg(long, env = "MEETING_REMINDER_DAYS", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=30))]
    pub meeting_reminder_days: u32,

    /// Days before a meeting champions may last propose agenda items.
    #[arg(long, env = "AGENDA_PROPOSAL_DAYS", default_value_t = app::domain::meetings::agenda::DEFAULT_PROPOSAL_DAYS,
          value_parser = clap::value_parser!(u32).range(0..=60))]
    pub agenda_proposal_days: u32,

    /// Seconds to wait after a failed delivery before trying again; doubles with each
    /// failure, up to an hour.
    #[arg(long, env = "MAIL_RETRY_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub mail_retry_secs: u64,

    /// Largest request body accepted, in bytes; larger ones are answered 413.
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024,
          value_parser = clap::value_parser!(u64).range(1024..=(64 * 1024 * 1024)))]
    pub max_body_bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    SiteName(#[from] app::domain::site::SiteNameError),
    #[error("PUBLIC_URL must start with http:// or https://, not {0}")]
    PublicUrlScheme(String),
    #[error("SMTP_URL is not a usable SMTP address: {0}")]
    SmtpUrl(String),
    #[error("MAIL_FROM must be an email address, e.g. champions@example.org")]
    MailFrom,
}

/// What `serve` needs, checked.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub site: SiteInfo,
    pub leptos: LeptosOptions,
    pub https: bool,
    pub session: SessionSettings,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    /// The address in emailed links, and the way server functions queue mail.
    pub postbox: Postbox,
    pub mail: MailSettings,
    /// How often the hourly chores run: stale-profile nudges, the meeting series' next
    /// meetings, reminders.
    pub nudge_every: Duration,
    pub reminder_days: u32,
    pub proposal_days: app::domain::meetings::agenda::ProposalDays,
}

impl ServeArgs {
    pub fn check(self) -> Result<ServeConfig, ConfigError> {
        let site = SiteInfo::new(&self.service_name, &self.organisation_name)?;
        let public_url = match self.public_url {
            Some(url) => url,
            None => Url::parse(&format!("http://{}/", self.addr))
                .map_err(|_| ConfigError::PublicUrlScheme(self.addr.to_string()))?,
        };
        let https = match public_url.scheme() {
            "https" => true,
            "http" => false,
            other => return Err(ConfigError::PublicUrlScheme(other.to_owned())),
        };
        let delivery = match &self.smtp_url {
            Some(url) => Delivery::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| ConfigError::SmtpUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            None => Delivery::Folder(self.mail_dir.clone()),
        };
        let address: Address = match self.mail_from.parse::<Mailbox>() {
            Ok(mailbox) => mailbox.email,
            Err(_) => return Err(ConfigError::MailFrom),
        };
        let mail = MailSettings {
            delivery,
            from: Mailbox::new(Some(site.service_name().to_owned()), address),
            retry_base: chrono::Duration::seconds(self.mail_retry_secs as i64),
            host: public_url.host_str().unwrap_or("localhost").to_owned(),
        };
        let leptos = LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.to_string_lossy().as_ref())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .env(Env::PROD)
            .hash_files(hashed_build())
            .build();
        let policy = SessionPolicy {
            idle: chrono::Duration::minutes(self.session_idle_minutes.into()),
            absolute: chrono::Duration::hours(self.session_max_hours.into()),
        };
        Ok(ServeConfig {
            site,
            leptos,
            https,
            session: SessionSettings {
                policy,
                secure: https,
            },
            request_timeout: Duration::from_secs(self.request_timeout_secs),
            // The parser bounds it to 64 MiB, which fits any usize this runs on.
            max_body_bytes: self.max_body_bytes as usize,
            postbox: Postbox::new(public_url, mail.from.email.to_string()),
            nudge_every: Duration::from_secs(3600),
            reminder_days: self.meeting_reminder_days,
            proposal_days: app::domain::meetings::agenda::ProposalDays(self.agenda_proposal_days),
            mail,
        })
    }
}

/// cargo-leptos writes `hash.txt` beside the binary when it gives the site's files hashed
/// names (`hash-files = true`); Leptos reads it from there to link them.
fn hashed_build() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join("hash.txt")))
        .is_some_and(|file| file.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("champions").chain(args.iter().copied()))
    }

    #[test]
    fn serve_is_the_default_command_and_its_flags_work_without_naming_it() {
        let cli = parse(&["--addr", "127.0.0.1:4000"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.addr.port(), 4000);
    }

    #[test]
    fn the_database_url_applies_to_every_command() {
        let cli = parse(&[
            "backup",
            "--to",
            "copy.db",
            "--database-url",
            "sqlite://x.db",
        ])
        .unwrap();
        assert_eq!(cli.database_url, "sqlite://x.db");
        assert!(matches!(cli.command, Some(Command::Backup { .. })));
    }

    #[test]
    fn out_of_range_numbers_are_refused_by_name() {
        let err = parse(&["--request-timeout-secs", "0"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("--request-timeout-secs"), "{err}");
    }

    #[test]
    fn https_public_url_turns_on_hsts_and_other_schemes_are_refused() {
        let mut args = parse(&["--public-url", "https://champions.example.org"])
            .unwrap()
            .serve;
        assert!(args.clone().check().unwrap().https);
        args.public_url = Some(Url::parse("ftp://champions.example.org").unwrap());
        assert_eq!(
            args.check().unwrap_err().to_string(),
            "PUBLIC_URL must start with http:// or https://, not ftp"
        );
    }

    #[test]
    fn a_blank_service_name_is_refused_with_its_setting_named() {
        let args = parse(&["--service-name", " "]).unwrap().serve;
        assert_eq!(
            args.check().unwrap_err().to_string(),
            "SERVICE_NAME must not be empty"
        );
    }
}
