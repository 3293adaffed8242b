//! CSV import (coordinators: upload, see the dry run, confirm) and export of people
//! (coordinators: everyone's contact details at once is more than looking someone up) and
//! services (anyone; unpublished ones only for those who edit the bank).

#[cfg(feature = "ssr")]
use crate::domain::{account::Role, import::ImportKind};
use crate::{domain::import::ImportPreview, error::AppError};
use leptos::prelude::*;
use leptos::server_fn::codec::{
    GetUrl, MultipartData, MultipartFormData, StreamingText, TextStream,
};

/// Takes an uploaded file (`kind`: people or services; `file`), keeps it and shows its dry run.
/// Only the file's size and encoding are checked here; its rows are checked on the next page.
#[server(endpoint = "import-upload", input = MultipartFormData)]
pub async fn upload_import(data: MultipartData) -> Result<(), AppError> {
    use crate::domain::import::{MAX_IMPORT_BYTES, MAX_IMPORT_SIZE};
    let me = super::context::require(Role::Coordinator).await?;
    let mut data = data
        .into_inner()
        .ok_or_else(|| AppError::internal("reading an upload", "no multipart body"))?;
    let unreadable = || AppError::invalid("file", "The file could not be read. Choose it again");
    let (mut kind, mut file) = (None, None);
    while let Some(mut field) = data.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("kind") => kind = field.text().await.ok().and_then(|k| ImportKind::parse(&k)),
            Some("file") => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > MAX_IMPORT_BYTES {
                        return Err(AppError::invalid(
                            "file",
                            format!("The file must be {MAX_IMPORT_SIZE} or smaller"),
                        ));
                    }
                }
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let kind = kind.ok_or_else(|| AppError::invalid("file", "Choose what the file holds"))?;
    let (name, bytes) = file
        .filter(|(_, bytes)| !bytes.is_empty())
        .ok_or_else(|| AppError::invalid("file", "Choose a CSV file to import"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| AppError::invalid("file", "The file must be CSV saved as UTF-8"))?;
    let db = super::context::db()?;
    let kept = async {
        let txn = db.begin_write().await?;
        let id =
            crate::db::import::keep(&txn, kind, &name, text, me.id, chrono::Utc::now()).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(id)
    };
    let id = kept
        .await
        .map_err(|e| AppError::internal("keeping an upload", e))?;
    leptos_axum::redirect(&format!("/import/{id}"));
    Ok(())
}

/// The dry run of an upload: every row checked, nothing changed.
#[server(endpoint = "import-preview")]
pub async fn checked_upload(id: i32) -> Result<ImportPreview, AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    crate::db::import::preview(db.reader(), id, me.id, chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("checking an upload", e))?
        .ok_or(AppError::NotFound)
}

/// Imports a checked upload: every row, or (if anything fails) none.
#[server(endpoint = "import-confirm")]
pub async fn confirm_import(id: i32) -> Result<(), AppError> {
    use crate::db::import::{ImportError, apply};
    let me = super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    let imported = async {
        let txn = db.begin_write().await?;
        // Dropped without a commit on any error: nothing of the file is kept.
        let counts = apply(&txn, id, me.id, chrono::Utc::now()).await?;
        txn.commit().await?;
        Ok::<_, ImportError>(counts)
    };
    let (added, updated) = match imported.await {
        Ok(counts) => counts,
        Err(ImportError::Gone) => return Err(AppError::NotFound),
        Err(ImportError::NotReady) => {
            return Err(AppError::invalid(
                "file",
                "The file no longer passes its check: the data changed since. Nothing was imported",
            ));
        }
        Err(ImportError::Save(e)) => {
            return super::context::saved(Err(e), "importing a file");
        }
    };
    super::context::directory_index()?.forget();
    leptos_axum::redirect(&format!("/import?added={added}&updated={updated}"));
    Ok(())
}

#[server(input = GetUrl, output = StreamingText, endpoint = "people.csv")]
pub async fn people_csv() -> Result<TextStream<AppError>, AppError> {
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    let profiles = crate::db::directory::profiles(db.reader())
        .await
        .map_err(|e| AppError::internal("exporting people", e))?;
    let text =
        crate::csv_format::people(&profiles).map_err(|e| AppError::internal("writing CSV", e))?;
    Ok(super::context::csv_download(text, "people.csv"))
}

#[server(input = GetUrl, output = StreamingText, endpoint = "services.csv")]
pub async fn services_csv() -> Result<TextStream<AppError>, AppError> {
    let drafts = super::context::current_user()
        .await?
        .is_some_and(|me| me.role.includes(Role::Champion));
    let db = super::context::db()?;
    let services = crate::db::import::all_services(db.reader(), drafts)
        .await
        .map_err(|e| AppError::internal("exporting services", e))?;
    let text =
        crate::csv_format::services(&services).map_err(|e| AppError::internal("writing CSV", e))?;
    Ok(super::context::csv_download(text, "services.csv"))
}
