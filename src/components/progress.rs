//! The batch in progress (done/total, the file being analysed, cancel) and the workspace's
//! notices (duplicates, files too large, sessions, storage).

use yew::prelude::*;

use crate::i18n::{notice_text, Lang, K};
use crate::state::{Batch, Notice};

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub lang: Lang,
    pub batch: Batch,
    pub on_cancel: Callback<()>,
}

#[function_component(Progress)]
pub fn progress(props: &ProgressProps) -> Html {
    let lang = props.lang;
    let Batch {
        done,
        total,
        current,
        ..
    } = &props.batch;
    let finished = props.batch.finished();
    let label = if finished {
        format!("{} {done} / {total}", K::ProgressDone.t(lang))
    } else {
        format!("{} {done} / {total}", K::ProgressLabel.t(lang))
    };
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="batch-progress" data-testid="progress" data-done={done.to_string()}
            data-total={total.to_string()}>
            <progress max={total.to_string()} value={done.to_string()} aria-label={label.clone()} />
            <span class="progress-count" role="status">{ label }</span>
            <span class="progress-current" data-testid="progress-current" title={current.clone()}>
                { if finished { String::new() } else { current.clone().unwrap_or_default() } }
            </span>
            if !finished {
                <button type="button" class="btn small" data-testid="cancel-batch" onclick={on_cancel}>
                    { K::CancelBatch.t(lang) }
                </button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub lang: Lang,
    pub notices: Vec<Notice>,
    pub on_dismiss: Callback<()>,
}

/// The workspace's notices; storage failures as alerts, the rest as status.
#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    let lang = props.lang;
    let alert = props
        .notices
        .iter()
        .any(|n| matches!(n, Notice::StorageFull | Notice::StorageFailed(_)));
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notices" role={if alert { "alert" } else { "status" }} data-testid="notices">
            <ul>
                { for props.notices.iter().map(|n| html! {
                    <li class="notice" data-testid="notice" data-kind={n.kind()}>{ notice_text(n, lang) }</li>
                }) }
            </ul>
            <button type="button" class="btn small ghost" onclick={on_dismiss}>
                { K::DismissErrors.t(lang) }
            </button>
        </div>
    }
}
