//! The service navigation. Without JavaScript every link is shown; with it, small screens fold
//! the links behind a "Menu" button, as GOV.UK service navigation does. The page is folded by
//! the stylesheet from the start (the `app-js` class the document's head sets), so hydrating
//! the island only makes the button work.

use leptos::prelude::*;

/// `children` is the server-rendered `<ul>` of links: a list may hold only `<li>`, so the
/// island's own wrapper elements must stay outside it.
#[island]
pub fn NavMenu(children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <nav
            aria-label="Menu"
            class="govuk-service-navigation__wrapper app-navigation"
            class:app-navigation--open=move || open.get()
        >
            <button
                type="button"
                class="govuk-service-navigation__toggle"
                aria-controls="navigation"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Menu"
            </button>
            {children()}
        </nav>
    }
}

/// "Sign in", or for someone signed in their name and a "Sign out" button (a form, so it
/// works without JavaScript and is never a GET that changes state).
#[component]
pub fn AccountItem() -> impl IntoView {
    use crate::{
        api::account::{SignOut, signed_in_account},
        ui::forms::Form,
    };
    use leptos::server_fn::ServerFn;
    view! {
        <Suspense>
            {Suspend::new(async move {
                match signed_in_account().await {
                    Ok(Some(account)) => {
                        view! {
                            <li class="govuk-service-navigation__item app-account">
                                <a class="govuk-service-navigation__link app-account__name" href="/account">
                                    {account.name.as_str().to_owned()}
                                </a>
                                <Form action=SignOut::PATH class="app-inline-form">
                                    <button type="submit" class="govuk-service-navigation__link app-link-button">
                                        "Sign out"
                                    </button>
                                </Form>
                            </li>
                        }
                            .into_any()
                    }
                    // A failed look-up is logged; the page still works, as for anyone signed out.
                    Ok(None) | Err(_) => view! { <NavItem href="/login" label="Sign in" /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One link in the navigation, marked current when it is the page being shown.
#[component]
pub fn NavItem(href: &'static str, label: &'static str) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let current = location.pathname.get_untracked() == href;

    view! {
        <li
            class="govuk-service-navigation__item"
            class:govuk-service-navigation__item--active=current
        >
            <a
                class="govuk-service-navigation__link"
                href=href
                aria-current=current.then_some("page")
            >
                {if current {
                    view! { <strong class="govuk-service-navigation__active-fallback">{label}</strong> }
                        .into_any()
                } else {
                    label.into_any()
                }}
            </a>
        </li>
    }
}
