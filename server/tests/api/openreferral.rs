//! The Open Referral UK feed: HSDS 3 shape (checked against the schema kept beside this
//! file), pagination, public access from any origin, and only published services.

use crate::helpers::*;
use app::db::entities::service;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("hsds/service.json")).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the HSDS schema compiles")
}

async fn json(app: &TestApp, path: &str) -> (u16, String, Value) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    let origin = header(&response, "access-control-allow-origin").to_owned();
    (
        status,
        origin,
        serde_json::from_str(&response.text().await.unwrap()).unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_published_service_is_valid_hsds_and_pages_add_up() {
    let app = spawn_app().await;
    let schema = validator();
    // The schema bites: a made-up status and an id that is not a UUID are refused.
    let wrong = serde_json::json!({ "id": "7", "name": "CAMHS", "status": "open" });
    assert_eq!(schema.iter_errors(&wrong).count(), 2);
    let (status, origin, page) = json(&app, "/openreferral/services?per_page=4&page=2").await;
    assert_eq!((status, origin.as_str()), (200, "*"));
    assert_eq!(page["total_items"], 11);
    assert_eq!(page["total_pages"], 3);
    assert_eq!(page["page_number"], 2);
    assert_eq!(page["size"], 4);
    assert_eq!(
        (page["first_page"].clone(), page["last_page"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(page["contents"].as_array().unwrap().len(), 4);

    let (_, _, all) = json(&app, "/openreferral/services?per_page=200").await;
    let services = all["contents"].as_array().unwrap();
    assert_eq!(services.len(), 11);
    assert_eq!(all["last_page"], true);
    for service in services {
        let errors: Vec<String> = schema.iter_errors(service).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", service["name"]);
    }
    let camhs = services
        .iter()
        .find(|s| s["name"] == "Child and Adolescent Mental Health Services (CAMHS)")
        .unwrap();
    assert_eq!(camhs["minimum_age"], 0);
    assert_eq!(camhs["maximum_age"], 18);
    assert_eq!(camhs["phones"][0]["number"], "01632 960 240");
    assert!(
        camhs["application_process"]
            .as_str()
            .unwrap()
            .contains("single point of access")
    );
    assert_eq!(
        camhs["organization"]["name"],
        "Avon and Wiltshire Mental Health Partnership NHS Trust"
    );
    let closed = services
        .iter()
        .find(|s| s["name"] == "Wellness Advisor Service")
        .unwrap();
    assert_eq!(closed["status"], "temporarily closed");

    // One service, by the feed's id: the same record, also valid.
    let id = camhs["id"].as_str().unwrap();
    let (status, origin, one) = json(&app, &format!("/openreferral/services/{id}")).await;
    assert_eq!((status, origin.as_str()), (200, "*"));
    assert_eq!(&one, camhs);
    assert!(schema.is_valid(&one));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpublished_and_unknown_services_are_not_in_the_feed() {
    let app = spawn_app().await;
    let (_, _, all) = json(&app, "/openreferral/services").await;
    let camhs = all["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().contains("CAMHS"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let row = service::Entity::find()
        .filter(service::Column::Name.contains("CAMHS"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let txn = app.db.begin_write().await.unwrap();
    let mut hidden: service::ActiveModel = row.into();
    hidden.published = Set(false);
    hidden.update(&txn).await.unwrap();
    txn.commit().await.unwrap();

    let (_, _, all) = json(&app, "/openreferral/services").await;
    assert_eq!(all["total_items"], 10);
    let (status, origin, body) = json(&app, &format!("/openreferral/services/{camhs}")).await;
    assert_eq!((status, origin.as_str()), (404, "*"));
    assert_eq!(body["error"], "There is no published service with this id.");
    assert_eq!(json(&app, "/openreferral/services/not-an-id").await.0, 404);
}
