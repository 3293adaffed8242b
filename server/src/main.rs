use app::{
    db::{
        Db, DbError,
        accounts::{self, NewAccount},
        demo, links,
    },
    domain::account::{Email, PersonName},
};
use clap::Parser;
use server::{Cli, Command, Error, ops};
use std::process::ExitCode;

// Rendering a page allocates many small strings from several threads at once, where glibc's
// malloc spent a fifth of the time of a list page (`make bench`, perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    ops::return_freed_memory_at_once();
    let cli = Cli::parse();
    ops::init_tracing(cli.log_format);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("champions: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Error> {
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(args) => {
            let config = args.check()?;
            let db = Db::connect(&cli.database_url).await?;
            db.migrate().await?;
            let shutdown = ops::shutdown_signal().map_err(Error::Signals)?;
            let addr = config.leptos.site_addr;
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|source| Error::Listen { addr, source })?;
            tracing::info!("listening on http://{addr}");
            server::serve(listener, config, db.clone(), shutdown).await?;
            db.close().await;
        }
        Command::Migrate => {
            let db = Db::connect(&cli.database_url).await?;
            db.migrate().await?;
            println!("The database is up to date.");
        }
        Command::SeedDemo => {
            let db = Db::connect(&cli.database_url).await?;
            db.migrate().await?;
            match demo::seed(&db).await? {
                demo::SeedOutcome::Loaded => println!("Loaded the demo network."),
                demo::SeedOutcome::AlreadyHasData => {
                    println!("The database already has data: demo data not loaded.")
                }
            }
        }
        Command::CreateUser {
            email,
            name,
            role,
            public_url,
        } => {
            let new = NewAccount {
                email: Email::parse(&email).map_err(|e| Error::Input(format!("--email: {e}")))?,
                name: PersonName::parse(&name).map_err(|e| Error::Input(format!("--name: {e}")))?,
                role: role
                    .parse()
                    .map_err(|e| Error::Input(format!("--role: {e}")))?,
            };
            let db = Db::connect(&cli.database_url).await?;
            db.migrate().await?;
            let now = chrono::Utc::now();
            let txn = db.begin_write().await.map_err(DbError::from)?;
            let account = accounts::create_invited(&txn, new, None, now).await?;
            let secret = links::issue(&txn, account.id, links::Purpose::Invitation, now)
                .await
                .map_err(DbError::from)?;
            txn.commit().await.map_err(DbError::from)?;
            let mut link = public_url
                .join("invitation")
                .expect("a fixed relative path");
            link.query_pairs_mut().append_pair("link", &secret);
            println!(
                "Invited {} as {}. This link works once, for 72 hours:",
                account.email, account.role
            );
            println!("{link}");
        }
        Command::Backup { to } => {
            let db = Db::open_existing(&cli.database_url).await?;
            db.backup_to(&to).await?;
            println!("Backed up the database to {}.", to.display());
        }
    }
    Ok(())
}
