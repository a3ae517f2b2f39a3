//! The queue of work for the workers: files the user gave and reports of a session being
//! restored, a few at a time (two per worker of the pool, `services::worker`), each shown
//! soon after it is back, in the order they were queued (so reports appear as they finish
//! and the page stays free between them). Cancelling drops what is still queued (and the
//! answers of those in flight); what is done stays.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use futures::stream::{FuturesOrdered, StreamExt};

use fazhi_core::decode::Limits;
use yew::Callback;

use crate::services::files::Picked;
use crate::services::worker;
use crate::session::{self, StoredReport};
use crate::state::{Action, BatchOutcome, Loaded, Notice, Source};

/// The largest file (and paste) the app reads: the decoder's own limit, checked from the
/// size before reading.
#[must_use]
pub fn max_input() -> u64 {
    Limits::default().max_input as u64
}

/// One piece of queued work.
pub enum Item {
    /// A file picked or dropped: a report, or a session file.
    File(Picked),
    /// A report of a session, to be analysed again from its stored text.
    Stored(StoredReport),
}

impl Item {
    fn name(&self) -> &str {
        match self {
            Self::File(p) => p.name(),
            Self::Stored(r) => &r.name,
        }
    }
}

#[derive(Default)]
struct Queue {
    items: VecDeque<Item>,
    running: bool,
    /// Items taken from `items` and not answered yet.
    in_flight: usize,
    /// Bumped by `cancel`: an answer for an older generation is dropped.
    generation: u32,
}

/// The page's one queue (held by the root component).
pub struct Runner {
    queue: Rc<RefCell<Queue>>,
    dispatch: Callback<Action>,
}

impl PartialEq for Runner {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.queue, &other.queue)
    }
}

impl Runner {
    #[must_use]
    pub fn new(dispatch: Callback<Action>) -> Self {
        Self {
            queue: Rc::default(),
            dispatch,
        }
    }

    /// Queue work; start on it unless the queue is running already.
    pub fn push(&self, items: Vec<Item>) {
        if items.is_empty() {
            return;
        }
        self.dispatch.emit(Action::Queued(items.len()));
        let start = {
            let mut q = self.queue.borrow_mut();
            q.items.extend(items);
            !std::mem::replace(&mut q.running, true)
        };
        if start {
            let queue = Rc::clone(&self.queue);
            let dispatch = self.dispatch.clone();
            wasm_bindgen_futures::spawn_local(pump(queue, dispatch));
        }
    }

    /// Drop everything still queued and the answer of the item in flight.
    pub fn cancel(&self) {
        let left = {
            let mut q = self.queue.borrow_mut();
            q.generation = q.generation.wrapping_add(1);
            let left = q.items.len() + q.in_flight;
            q.items.clear();
            left
        };
        self.dispatch.emit(Action::CancelBatch { left });
    }
}

/// Items done are shown together at most this often at the start of a batch (each showing
/// renders the page once; one render per report would cost more than the analysis of small
/// reports)…
const FLUSH_MS: f64 = 100.0;
/// …and less often as the batch grows: a render costs more with every open report (the list,
/// the comparison and the review table grow), so the page would spend the batch re-laying
/// itself out while the worker waits. Measured on 200 reports in Chromium: with a fixed
/// 100 ms the page was busy rendering 6.8 s of a 7.3 s batch.
const FLUSH_MS_PER_DONE: f64 = 4.0;
const FLUSH_MS_MAX: f64 = 1_000.0;

/// How long to gather finished items before showing them, after `shown` items of this batch.
fn flush_interval(shown: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)] // a count of files, far below 2^52
    let grown = FLUSH_MS + FLUSH_MS_PER_DONE * shown as f64;
    grown.min(FLUSH_MS_MAX)
}
/// …or when this many are waiting: each new row costs the render that adds it, and the
/// page must not be busy for more than a few tens of milliseconds at a time.
const FLUSH_ITEMS: usize = 16;

/// How many items are in flight at once: two per worker of the pool, so that each worker
/// has its next job waiting while the page reads a file or takes in an answer. Answers are
/// taken in the order the items were queued, so reports appear in that order.
fn in_flight_limit() -> usize {
    2 * worker::pool_size()
}

/// Work through the queue until it is empty and nothing is in flight.
async fn pump(queue: Rc<RefCell<Queue>>, dispatch: Callback<Action>) {
    let mut done: Vec<BatchOutcome> = Vec::new();
    let mut flushed_at = f64::NEG_INFINITY;
    let mut shown = 0_usize;
    let limit = in_flight_limit();
    let mut in_flight = FuturesOrdered::new();
    // The names of the items in flight, oldest first.
    let mut names: VecDeque<String> = VecDeque::new();
    // The generation of the items in `done`: a cancel drops those not shown yet.
    let mut done_generation = queue.borrow().generation;
    loop {
        while in_flight.len() < limit {
            let next = {
                let mut q = queue.borrow_mut();
                let item = q.items.pop_front();
                if item.is_some() {
                    q.in_flight += 1;
                }
                item.map(|i| (i, q.generation))
            };
            let Some((item, generation)) = next else {
                break;
            };
            names.push_back(item.name().to_owned());
            in_flight.push_back(async move { (generation, run(item).await) });
        }
        if in_flight.is_empty() {
            // Nothing queued (the loop above took all) and nothing in flight.
            queue.borrow_mut().running = false;
            if !done.is_empty() {
                dispatch.emit(Action::BatchItems {
                    done: std::mem::take(&mut done),
                    working: None,
                });
            }
            return;
        }
        let now = js_sys::Date::now();
        if now - flushed_at >= flush_interval(shown) || done.len() >= FLUSH_ITEMS {
            flushed_at = now;
            shown += done.len();
            dispatch.emit(Action::BatchItems {
                done: std::mem::take(&mut done),
                working: names.front().cloned(),
            });
        }
        let Some((generation, outcome)) = in_flight.next().await else {
            continue;
        };
        names.pop_front();
        let current = {
            let mut q = queue.borrow_mut();
            q.in_flight = q.in_flight.saturating_sub(1);
            q.generation
        };
        if done_generation != current {
            // Cancelled since: what was done and not shown is dropped with the rest.
            done.clear();
            done_generation = current;
        }
        if generation != current {
            continue;
        }
        match outcome {
            Outcome::Done(o) => done.push(o),
            Outcome::Session(s) => {
                let n = s.reports.len();
                dispatch.emit(Action::BatchItems {
                    done: std::mem::take(&mut done),
                    working: None,
                });
                dispatch.emit(Action::RestoreView(s.view));
                {
                    let mut q = queue.borrow_mut();
                    q.items.extend(s.reports.into_iter().map(Item::Stored));
                }
                // The session file itself is done; its reports are now queued.
                dispatch.emit(Action::Queued(n));
                done.push(BatchOutcome::Notice(Notice::Restored { reports: n }));
            }
        }
    }
}

enum Outcome {
    Done(BatchOutcome),
    Session(session::Session),
}

async fn run(item: Item) -> Outcome {
    match item {
        Item::File(picked) => {
            let name = picked.name().to_owned();
            let limit = max_input();
            if picked.size() > limit {
                return Outcome::Done(BatchOutcome::Notice(Notice::TooLarge {
                    name,
                    size: picked.size(),
                    limit,
                }));
            }
            let bytes = match picked.read().await {
                Ok(bytes) => bytes,
                Err(message) => return Outcome::Done(loaded(Source::File, name, Err(message))),
            };
            if session::is_json(&name, &bytes) {
                return match session::parse(&bytes) {
                    Ok(s) => Outcome::Session(s),
                    Err(problem) => {
                        Outcome::Done(BatchOutcome::Notice(Notice::NotASession { name, problem }))
                    }
                };
            }
            let result = worker::analyse_file(name.clone(), bytes).await;
            Outcome::Done(loaded(Source::File, name, result))
        }
        Item::Stored(stored) => {
            let result = worker::analyse_text(stored.text).await.map(|mut a| {
                // Analysed again from the decoded text: what the decoder said about the
                // file comes from the session.
                a.encoding = stored.encoding;
                a.format = stored.format;
                a.byte_len = stored.byte_len;
                a.warnings = stored.warnings;
                a
            });
            Outcome::Done(loaded(stored.source.into(), stored.name, result))
        }
    }
}

fn loaded(
    source: Source,
    name: String,
    result: Result<crate::job::Analysed, crate::i18n::Problem>,
) -> BatchOutcome {
    BatchOutcome::Loaded(Box::new(Loaded {
        source,
        name,
        result,
    }))
}
