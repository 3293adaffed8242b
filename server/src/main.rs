use app::db::{Db, demo};
use clap::Parser;
use server::{Cli, Command, Error, ops};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
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
            let addr = config.leptos.site_addr;
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|source| Error::Listen { addr, source })?;
            tracing::info!("listening on http://{addr}");
            server::serve(listener, config, db.clone(), ops::shutdown_signal()).await?;
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
        Command::Backup { to } => {
            let db = Db::open_existing(&cli.database_url).await?;
            db.backup_to(&to).await?;
            println!("Backed up the database to {}.", to.display());
        }
    }
    Ok(())
}
