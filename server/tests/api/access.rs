//! Who may call each server function. Every registered server function must be in this table:
//! a new one that is not fails the first test, so nobody adds one without deciding.

use crate::helpers::*;
use app::{
    api::{
        account::{
            AcceptInvitation, Invitation, MyData, SignIn, SignOut, SignOutEverywhere,
            SignedInAccount,
        },
        audit::{AuditCsv, AuditLog},
        bank::{
            RoleList, RoleToEdit, SaveRole, SaveService, ServiceDetail, ServiceList, ServiceToEdit,
        },
        directory::{
            MyProfile, People, Photo, ProfilePage, ProfileToEdit, RemovePhoto, SaveProfile,
            UploadPhoto,
        },
        glossary::{
            ApproveSuggestion, GlossaryAll, GlossaryCsv, GlossaryLetter, GlossarySearch,
            GlossaryTerm, RejectSuggestion, SaveTerm, SuggestTerm, SuggestionDetail,
            SuggestionList, TermToEdit,
        },
        history::RecordHistory,
        import::{CheckedUpload, ConfirmImport, PeopleCsv, ServicesCsv, UploadImport},
        meetings::{
            AddGuest, AddMeeting, AnswerByLink, AnswerMeeting, AttendanceCsv, AttendanceReport,
            CalendarFeed, CancelMeeting, ChangeMeeting, ListMeetings, MarkAttendingPresent,
            ReadMeeting, RecordAttendance, RenewCalendarFeed, Rsvp, ScheduleSeries,
            SendInvitations, SeriesChoices,
            agenda::{
                AddAgendaItem, AddPaper, DeclineAgendaItem, MoveAgendaItem, Paper, ReadAgendaItem,
                RemoveAgendaItem, SaveAgendaItem, SendAgenda,
            },
        },
        network::StaffGroups,
        outbox::MailOutbox,
        password::{ChangePassword, PasswordReset, RequestPasswordReset, ResetPassword},
        structure::{NetworkStructure, SaveTeam, SaveUnit},
        users::{
            ChangeRole, EndUserSessions, InviteUser, Person, ResendInvitation, SetUserAccess,
            UserList,
        },
    },
    db::{accounts, sessions},
    domain::account::{Email, Role},
    error::AppError,
};
use leptos::server_fn::ServerFn;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not: public information, and the ways of getting in.
    Anyone,
    /// Anyone signed in, whatever their role: their own account.
    SignedIn,
    /// Signed in with a role that includes this one.
    Role(Role),
}

/// Each function with arguments that decode (`{target}`: another person's account id), so
/// that a refusal comes from the function's check, not from a malformed request.
const TABLE: &[(&str, Access, &str)] = &[
    (StaffGroups::PATH, Access::Anyone, ""),
    (SignedInAccount::PATH, Access::Anyone, ""),
    (
        SignIn::PATH,
        Access::Anyone,
        "email=nobody%40example.org&password=wrong",
    ),
    (SignOut::PATH, Access::Anyone, ""),
    (Invitation::PATH, Access::Anyone, "link=nonsense"),
    (
        AcceptInvitation::PATH,
        Access::Anyone,
        "link=nonsense&password=x&confirm_password=x",
    ),
    (
        RequestPasswordReset::PATH,
        Access::Anyone,
        "email=nobody%40example.org",
    ),
    (PasswordReset::PATH, Access::Anyone, "link=nonsense"),
    (
        ResetPassword::PATH,
        Access::Anyone,
        "link=nonsense&password=x&confirm_password=x",
    ),
    (SignOutEverywhere::PATH, Access::SignedIn, ""),
    (
        ChangePassword::PATH,
        Access::SignedIn,
        "current_password=wrong&password=x&confirm_password=x",
    ),
    (MyData::PATH, Access::SignedIn, ""),
    (UserList::PATH, Access::Role(Role::Coordinator), ""),
    (Person::PATH, Access::Role(Role::Coordinator), "id={target}"),
    (
        InviteUser::PATH,
        Access::Role(Role::Coordinator),
        "name=New%20Person&email=new%40example.org&role=staff",
    ),
    (
        ResendInvitation::PATH,
        Access::Role(Role::Coordinator),
        "id={target}",
    ),
    (
        ChangeRole::PATH,
        Access::Role(Role::Coordinator),
        "id={target}&role=board",
    ),
    (
        SetUserAccess::PATH,
        Access::Role(Role::Coordinator),
        "id={target}&allow=true",
    ),
    (
        EndUserSessions::PATH,
        Access::Role(Role::Coordinator),
        "id={target}",
    ),
    (AuditLog::PATH, Access::Role(Role::Coordinator), ""),
    (AuditCsv::PATH, Access::Role(Role::Coordinator), ""),
    (MailOutbox::PATH, Access::Role(Role::Coordinator), ""),
    (ServiceList::PATH, Access::Anyone, ""),
    (ServiceDetail::PATH, Access::Anyone, "id=1"),
    (RoleList::PATH, Access::Anyone, ""),
    (ServiceToEdit::PATH, Access::Role(Role::Champion), "id=1"),
    (
        SaveService::PATH,
        Access::Role(Role::Champion),
        "id=1&name=x",
    ),
    (RoleToEdit::PATH, Access::Role(Role::Champion), "id=1"),
    (SaveRole::PATH, Access::Role(Role::Champion), "id=1&title=x"),
    (RecordHistory::PATH, Access::SignedIn, "kind=service&id=1"),
    (NetworkStructure::PATH, Access::Role(Role::Coordinator), ""),
    // Sent as an empty multipart form.
    (
        UploadImport::PATH,
        Access::Role(Role::Coordinator),
        "multipart",
    ),
    (CheckedUpload::PATH, Access::Role(Role::Coordinator), "id=1"),
    (ConfirmImport::PATH, Access::Role(Role::Coordinator), "id=1"),
    (PeopleCsv::PATH, Access::Role(Role::Coordinator), ""),
    (ServicesCsv::PATH, Access::Anyone, ""),
    (
        SaveTeam::PATH,
        Access::Role(Role::Coordinator),
        "id=1&name=x",
    ),
    (
        SaveUnit::PATH,
        Access::Role(Role::Coordinator),
        "kind=organisation&id=1&name=x",
    ),
    (GlossarySearch::PATH, Access::Anyone, "q=cpa"),
    (GlossaryLetter::PATH, Access::Anyone, "letter=C"),
    (GlossaryTerm::PATH, Access::Anyone, "id=1"),
    (GlossaryAll::PATH, Access::Anyone, ""),
    (GlossaryCsv::PATH, Access::Anyone, ""),
    (TermToEdit::PATH, Access::SignedIn, "id=1"),
    (
        SaveTerm::PATH,
        Access::Role(Role::Coordinator),
        "id=1&term=A%26E&expansion=Accident%20and%20Emergency&context=health&status=approved",
    ),
    // Invalid for everyone allowed (no expansion), so nothing is kept.
    (
        SuggestTerm::PATH,
        Access::SignedIn,
        "term=XYZ&context=general&status=approved",
    ),
    (SuggestionList::PATH, Access::SignedIn, ""),
    // There is no suggestion 1: those allowed get "not found", not a refusal.
    (SuggestionDetail::PATH, Access::SignedIn, "id=1"),
    (
        ApproveSuggestion::PATH,
        Access::Role(Role::Coordinator),
        "id=1&term=XYZ&expansion=x&context=general&status=approved",
    ),
    (
        RejectSuggestion::PATH,
        Access::Role(Role::Coordinator),
        "id=1&reason=x",
    ),
    (People::PATH, Access::SignedIn, "q=camhs"),
    (ProfilePage::PATH, Access::SignedIn, "id=1"),
    (MyProfile::PATH, Access::SignedIn, ""),
    // Profile 1 has no photo: those allowed get "not found", not a refusal.
    (Photo::PATH, Access::SignedIn, "id=1"),
    (UploadPhoto::PATH, Access::SignedIn, "multipart"),
    (RemovePhoto::PATH, Access::Role(Role::Coordinator), "id=1"),
    // Profile 1 is a demo champion with no account: only a coordinator may edit it.
    (ProfileToEdit::PATH, Access::Role(Role::Coordinator), "id=1"),
    (
        SaveProfile::PATH,
        Access::Role(Role::Coordinator),
        "id=1&name=Grace%20Okafor&job_title=Education%20Welfare%20Officer&team_id=1&work_email=grace.okafor%40example.org",
    ),
    (ListMeetings::PATH, Access::SignedIn, ""),
    (ReadMeeting::PATH, Access::SignedIn, "id=1"),
    (SeriesChoices::PATH, Access::Role(Role::Coordinator), ""),
    // Invalid (no dates) or about no meeting for everyone allowed, so nothing changes.
    (
        ScheduleSeries::PATH,
        Access::Role(Role::Coordinator),
        "name=x&rule=custom&first_date=&start_time=&end_time=",
    ),
    (
        AddMeeting::PATH,
        Access::Role(Role::Coordinator),
        "series_id=1&title=x&date=&start_time=&end_time=",
    ),
    (
        ChangeMeeting::PATH,
        Access::Role(Role::Coordinator),
        "id=0&title=x&date=&start_time=&end_time=",
    ),
    (CancelMeeting::PATH, Access::Role(Role::Coordinator), "id=0"),
    (
        SendInvitations::PATH,
        Access::Role(Role::Coordinator),
        "id=0",
    ),
    (
        AddGuest::PATH,
        Access::Role(Role::Coordinator),
        "id=0&name=&email=",
    ),
    // Champions and coordinators are the members who answer.
    (
        AnswerMeeting::PATH,
        Access::Role(Role::Champion),
        "id=0&answer=",
    ),
    // The emailed link is the credential: no such link is "expired", for everyone.
    (Rsvp::PATH, Access::Anyone, "link=no-such-link"),
    (
        AnswerByLink::PATH,
        Access::Anyone,
        "link=no-such-link&answer=attending",
    ),
    (CalendarFeed::PATH, Access::Role(Role::Champion), ""),
    (RenewCalendarFeed::PATH, Access::Role(Role::Champion), ""),
    (
        RecordAttendance::PATH,
        Access::Role(Role::Coordinator),
        "id=0&mark[0]=m1:present",
    ),
    (
        MarkAttendingPresent::PATH,
        Access::Role(Role::Coordinator),
        "id=0",
    ),
    (AttendanceReport::PATH, Access::Role(Role::Coordinator), ""),
    (AttendanceCsv::PATH, Access::Role(Role::Coordinator), ""),
    // About no meeting or item for everyone allowed, so nothing changes.
    (
        AddAgendaItem::PATH,
        Access::Role(Role::Champion),
        "id=0&item_title=x",
    ),
    (ReadAgendaItem::PATH, Access::SignedIn, "id=0"),
    (
        SaveAgendaItem::PATH,
        Access::Role(Role::Coordinator),
        "id=0&item_title=x",
    ),
    (
        DeclineAgendaItem::PATH,
        Access::Role(Role::Coordinator),
        "id=0&decline_reason=x",
    ),
    (
        MoveAgendaItem::PATH,
        Access::Role(Role::Coordinator),
        "id=0&direction=up",
    ),
    (
        RemoveAgendaItem::PATH,
        Access::Role(Role::Coordinator),
        "id=0",
    ),
    (AddPaper::PATH, Access::Role(Role::Champion), "multipart"),
    (Paper::PATH, Access::Role(Role::Champion), "id=0"),
    (SendAgenda::PATH, Access::Role(Role::Coordinator), "id=0"),
];

#[test]
fn every_registered_server_function_is_in_the_table() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed: BTreeSet<&str> = TABLE.iter().map(|(path, ..)| *path).collect();
    assert_eq!(
        registered, listed,
        "server functions missing from, or gone but still in, the table"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_caller_is_answered_or_refused_as_the_table_says() {
    let app = spawn_app().await;
    invite_as(&app, "target@example.org", Role::Staff).await;
    let target = id_of(&app, "target@example.org").await;
    let mut callers: Vec<(Option<Role>, Option<i32>)> = vec![(None, None)];
    for role in Role::ALL {
        let email = format!("{}@example.org", role.as_str());
        invite_as(&app, &email, role).await;
        let id = id_of(&app, &email).await;
        let txn = app.db.begin_write().await.unwrap();
        accounts::set_password(&txn, id, "unused".into(), chrono::Utc::now())
            .await
            .unwrap();
        accounts::set_access(&txn, id, id, true, chrono::Utc::now())
            .await
            .unwrap();
        txn.commit().await.unwrap();
        callers.push((Some(role), Some(id)));
    }
    let methods: std::collections::HashMap<&str, http::Method> =
        leptos::server_fn::axum::server_fn_paths().collect();

    for (role, id) in callers {
        for (path, access, body) in TABLE {
            let body = body.replace("{target}", &target.to_string());
            let method = methods[path].clone();
            let mut request = if method == http::Method::GET {
                app.client.get(format!("{}?{body}", app.url(path)))
            } else if body == "multipart" {
                app.client
                    .post(app.url(path))
                    .header("content-type", "multipart/form-data; boundary=b")
                    .body("--b--\r\n")
            } else {
                app.client
                    .post(app.url(path))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
            };
            // A session of its own for every call: some calls sign out.
            if let Some(id) = id {
                request = request.header("cookie", fresh_session(&app, id).await);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            let error = serde_json::from_str::<AppError>(&text).ok();
            let allowed = match (access, role) {
                (Access::Anyone, _) => true,
                (_, None) => false,
                (Access::SignedIn, Some(_)) => true,
                (Access::Role(needed), Some(role)) => role.includes(*needed),
            };
            let who = role.map_or("anonymous", Role::as_str);
            match (allowed, role) {
                (true, _) => assert!(
                    !matches!(error, Some(AppError::SignInRequired | AppError::Forbidden)),
                    "{path} refused {who}: {status} {text}"
                ),
                (false, None) => assert_eq!(
                    (status, error),
                    (401, Some(AppError::SignInRequired)),
                    "{path} answered {who}: {text}"
                ),
                (false, Some(_)) => assert_eq!(
                    (status, error),
                    (403, Some(AppError::Forbidden)),
                    "{path} answered {who}: {text}"
                ),
            }
        }
    }
}

async fn id_of(app: &TestApp, email: &str) -> i32 {
    accounts::find_by_email(app.db.reader(), &Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .0
        .id
}

async fn fresh_session(app: &TestApp, id: i32) -> String {
    let txn = app.db.begin_write().await.unwrap();
    let secret = sessions::start(&txn, id, None, Default::default(), chrono::Utc::now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    format!("session={secret}")
}
