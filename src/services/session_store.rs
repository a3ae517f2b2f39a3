//! The session kept in the browser (IndexedDB, through `rexie`): the open reports, one
//! record each keyed by content hash (a `session::StoredReport` as JSON), and one record
//! with the rest (`session::SessionView`: order, selection, filters, notes). Writes go
//! through one queue, in the order they were asked for; a write that fails is reported
//! to the page (`StoreError`) and changes nothing on screen.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;
use yew::Callback;

use crate::session::{Session, SessionView, StoredReport};

const DB_NAME: &str = "fazhi-lens";
const DB_VERSION: u32 = 1;
const REPORTS: &str = "reports";
const META: &str = "meta";
const VIEW_KEY: &str = "view";

/// Why the session could not be kept or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is used up.
    Full,
    /// IndexedDB is missing, blocked (some private modes) or failed otherwise.
    Unavailable(String),
}

impl From<rexie::Error> for StoreError {
    fn from(e: rexie::Error) -> Self {
        let detail = format!("{e:?}");
        if detail.contains("QuotaExceeded") || detail.to_lowercase().contains("quota") {
            Self::Full
        } else {
            Self::Unavailable(match e {
                rexie::Error::IdbError(inner) => inner.to_string(),
                other => other.to_string(),
            })
        }
    }
}

/// One write.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Keep this report (replacing one with the same content).
    Put(StoredReport),
    /// Forget the report with this content hash.
    Delete(String),
    /// Keep the order, selection, filters and notes.
    View(SessionView),
    /// Forget everything.
    Clear,
}

thread_local! {
    static DB: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
    static QUEUE: RefCell<VecDeque<Op>> = const { RefCell::new(VecDeque::new()) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

async fn db() -> Result<Rc<Rexie>, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Rexie::builder(DB_NAME)
        .version(DB_VERSION)
        .add_object_store(ObjectStore::new(REPORTS))
        .add_object_store(ObjectStore::new(META))
        .build()
        .await?;
    let db = Rc::new(db);
    DB.with(|d| *d.borrow_mut() = Some(Rc::clone(&db)));
    Ok(db)
}

fn json<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    serde_json::to_string(value)
        .map(|s| JsValue::from_str(&s))
        .map_err(|e| StoreError::Unavailable(e.to_string()))
}

async fn apply(op: Op) -> Result<(), StoreError> {
    let db = db().await?;
    let tx = db.transaction(&[REPORTS, META], TransactionMode::ReadWrite)?;
    match op {
        Op::Put(report) => {
            let key = JsValue::from_str(&report.content_hash);
            tx.store(REPORTS)?.put(&json(&report)?, Some(&key)).await?;
        }
        Op::Delete(hash) => tx.store(REPORTS)?.delete(JsValue::from_str(&hash)).await?,
        Op::View(view) => {
            tx.store(META)?
                .put(&json(&view)?, Some(&JsValue::from_str(VIEW_KEY)))
                .await?;
        }
        Op::Clear => {
            tx.store(REPORTS)?.clear().await?;
            tx.store(META)?.clear().await?;
        }
    }
    if tx.done().await?.is_committed() {
        Ok(())
    } else {
        Err(StoreError::Unavailable("the write was aborted".to_owned()))
    }
}

/// Queue a write; `on_error` hears of it if it fails.
pub fn write(op: Op, on_error: Callback<StoreError>) {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        // Only the latest view matters.
        if matches!(op, Op::View(_)) {
            q.retain(|o| !matches!(o, Op::View(_)));
        }
        q.push_back(op);
    });
    if RUNNING.with(|r| r.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(op) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
            if let Err(e) = apply(op).await {
                on_error.emit(e);
            }
        }
        RUNNING.with(|r| r.set(false));
    });
}

fn parse<T: serde::de::DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_json::from_str(&value.as_string()?).ok()
}

/// The stored session, in its order (`None` when nothing is stored). Records that cannot
/// be read are left out.
pub async fn load() -> Result<Option<Session>, StoreError> {
    let db = db().await?;
    let tx = db.transaction(&[REPORTS, META], TransactionMode::ReadOnly)?;
    let view: SessionView = tx
        .store(META)?
        .get(JsValue::from_str(VIEW_KEY))
        .await?
        .and_then(|v| parse(&v))
        .unwrap_or_default();
    let reports: Vec<StoredReport> = tx
        .store(REPORTS)?
        .get_all(None, None)
        .await?
        .iter()
        .filter_map(parse)
        .collect();
    if reports.is_empty() {
        return Ok(None);
    }
    Ok(Some(Session::ordered(view, reports)))
}
