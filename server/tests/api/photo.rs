//! Profile photos over HTTP: who may upload, what is kept, what is refused.

use crate::helpers::*;
use app::{
    api::directory::{Photo, UploadPhoto},
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use reqwest::Response;

async fn upload(app: &TestApp, cookie: &str, id: i32, content: &[u8]) -> Response {
    let page = format!("/people/{id}/edit");
    let id = id.to_string();
    let file = ("photo", "me.png", content);
    upload_file(
        app,
        cookie,
        (&page, UploadPhoto::PATH),
        &[("id", &id)],
        file,
    )
    .await
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(width, height, image::Rgb([20, 90, 160]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_champion_adds_a_photo_to_their_profile_which_is_kept_as_a_small_jpeg() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let id = crate::directory::profile_row(&app, "amira.khan@example.org")
        .await
        .id;
    let response = upload(&app, &cookie, id, &png(1600, 1200)).await;
    let to = location(&response);
    assert_eq!(to, format!("/people/{id}?done=photo"));
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(html.contains("Photo saved"), "{html}");
    assert!(html.contains("alt=\"Photo of Amira Khan\""), "{html}");
    assert!(!html.contains("You could add: Photo"), "{html}");

    let photo = format!("{}?id={id}", Photo::PATH);
    let response = app.get_with(&photo, ("cookie", &cookie)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "image/jpeg");
    let jpeg = response.bytes().await.unwrap();
    let kept = image::load_from_memory(&jpeg).unwrap();
    assert_eq!((kept.width(), kept.height()), (400, 300));
    assert_eq!(app.get(&photo).await.status(), 401, "not for the public");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_photo_is_refused_by_its_field_and_someone_elses_profile_is_off_limits() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let id = crate::directory::profile_row(&app, "amira.khan@example.org")
        .await
        .id;
    let response = upload(&app, &cookie, id, b"<svg onload=\"alert(1)\"/>").await;
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(
        html.contains("The photo must be a JPG, PNG or WebP image"),
        "{html}"
    );
    assert!(html.contains("id=\"photo-error\""));

    let mut big = png(10, 10);
    big.resize(5 * 1024 * 1024 + 1, 0);
    let response = upload(&app, &cookie, id, &big).await;
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(html.contains("The photo must be 5 MB or smaller"), "{html}");

    let grace = crate::directory::profile_row(&app, "grace.okafor@example.org")
        .await
        .id;
    let response = upload(&app, &cookie, grace, &png(10, 10)).await;
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(html.contains("You do not have permission"), "{html}");
    let photo = format!("{}?id={grace}", Photo::PATH);
    assert_eq!(
        app.get_with(&photo, ("cookie", &cookie)).await.status(),
        404
    );
}
