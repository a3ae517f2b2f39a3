//! The review card of the report on screen: one line per check (`fazhi_core::review`), its
//! status in colour and words, what was found, and a link that scrolls to its evidence in
//! the text and highlights it (each click shows the next piece); and the reviewer's note.

use std::collections::BTreeMap;
use std::rc::Rc;

use fazhi_core::review::CheckId;
use yew::prelude::*;

use crate::components::review_table::card_for;
use crate::i18n::Lang;
use crate::services::{dom, highlight};
use crate::state::{Action, Report};

#[derive(Properties, PartialEq)]
pub struct ReviewCardProps {
    pub report: Rc<Report>,
    pub lang: Lang,
    /// The reviewer's note of this report.
    pub note: String,
    /// The publication deadline in use.
    pub deadline: fazhi_core::review::ReviewSettings,
    pub dispatch: Callback<Action>,
}

#[function_component(ReviewCardView)]
pub fn review_card(props: &ReviewCardProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    // Which piece of evidence each check's link shows next.
    let next_piece = use_mut_ref(BTreeMap::<CheckId, usize>::new);

    let line = |c: &fazhi_core::review::Check| {
        let id = c.id;
        let pieces = c.evidence.len();
        let onclick = {
            let report = Rc::clone(report);
            let next_piece = next_piece.clone();
            let deadline = props.deadline;
            Callback::from(move |_: MouseEvent| {
                let card = card_for(&report, deadline);
                let Some(check) = card.check(id) else {
                    return;
                };
                let k = {
                    let mut next = next_piece.borrow_mut();
                    let k = next.get(&id).copied().unwrap_or(0) % check.evidence.len().max(1);
                    next.insert(id, k + 1);
                    k
                };
                if let Some(span) = check.evidence.get(k) {
                    highlight::show_span(&report.text, span.start, span.end);
                }
            })
        };
        html! {
            <li class={classes!("review-check", format!("status-{}", c.status.key()))}
                data-testid="review-check" data-check={id.key()} data-status={c.status.key()}>
                <span class="status-badge">{ c.status.name(lang) }</span>
                <span class="check-name">{ id.name(lang) }</span>
                <span class="check-note">{ c.note(lang).to_owned() }</span>
                if pieces > 0 {
                    <button type="button" class="link" data-testid="review-evidence" {onclick}
                        title={lang.pick("在原文中显示依据", "show the evidence in the text")}>
                        { format!("{} ({pieces})", lang.pick("依据", "evidence")) }
                    </button>
                }
            </li>
        }
    };

    let oninput = {
        let dispatch = props.dispatch.clone();
        let hash = report.content_hash.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.emit(Action::SetNote(hash.clone(), dom::event_value(&e)));
        })
    };

    html! {
        <section class="panel review-card" data-testid="review-card" aria-labelledby="review-card-title">
            <h3 id="review-card-title">{ lang.pick("审阅卡", "Review card") }</h3>
            <ul class="review-checks">{ for card_for(report, props.deadline).checks.iter().map(line) }</ul>
            <label class="review-note-label">
                { lang.pick("审阅意见", "Reviewer's note") }
                <textarea data-testid="review-note" rows="3" value={props.note.clone()} {oninput}
                    placeholder={lang.pick("写给报告单位的意见（随导出保存）", "Your note on this report (exported with the review)")} />
            </label>
        </section>
    }
}
