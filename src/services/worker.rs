//! The page's side of the Web Worker that decodes and analyses reports and builds .xlsx
//! files (the worker binary, `src/worker.rs`; its side is `services::worker_scope`, which
//! documents the messages). Keeping that work out of the page keeps the page's download
//! small and the page responsive while a large report is read.
//!
//! The worker is started on first use (the first file, paste or demo, or just before: see
//! [`warm_up`]), once; jobs sent before it has loaded wait in a queue. If it panics, the crash message goes up and the
//! jobs in flight fail; if it cannot load or dies, they fail with a message, and the next
//! job starts a new worker.

use std::cell::RefCell;
use std::collections::HashMap;

use fazhi_core::Analysis;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::i18n::{Lang, Problem};
use crate::job::{Analysed, Job, Output, Reply};
use crate::services::crash;

/// The worker's loader (`www/fazhi-worker_loader.js`), with this build's id as the query
/// that it passes on to the worker's unhashed files (cache busting).
fn loader_url() -> String {
    let build = option_env!("FAZHI_BUILD_ID").unwrap_or(env!("CARGO_PKG_VERSION"));
    format!("./fazhi-worker_loader.js?v={build}")
}

struct Client {
    worker: Worker,
    ready: bool,
    /// Messages (and their transfer lists) waiting for the worker to load.
    queue: Vec<(Object, Array)>,
    /// The promises of the jobs in flight: resolve, reject.
    pending: HashMap<u32, (Function, Function)>,
    next_id: u32,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Stop the worker and fail every job in flight with `message`; the next job starts a new
/// worker.
fn fail_all(message: &str) {
    let Some(client) = CLIENT.with(|c| c.borrow_mut().take()) else {
        return;
    };
    client.worker.set_onmessage(None);
    client.worker.set_onerror(None);
    client.worker.terminate();
    let reason = JsValue::from_str(message);
    for (_, reject) in client.pending.values() {
        let _ = reject.call1(&JsValue::NULL, &reason);
    }
    // This may run inside one of the client's own event handlers: drop them later.
    gloo::timers::callback::Timeout::new(0, move || drop(client)).forget();
}

fn on_message(e: &MessageEvent) {
    let data = e.data();
    if get(&data, "ready").as_bool() == Some(true) {
        CLIENT.with(|c| {
            if let Some(client) = c.borrow_mut().as_mut() {
                client.ready = true;
                for (msg, transfer) in client.queue.drain(..) {
                    if let Err(e) = client.worker.post_message_with_transfer(&msg, &transfer) {
                        web_sys::console::error_1(&e);
                    }
                }
            }
        });
        return;
    }
    if let Some(detail) = get(&data, "panic").as_string() {
        crash::show(&detail);
        fail_all(&format!(
            "分析程序出错已停止 (the analyser crashed): {detail}"
        ));
        return;
    }
    let Some(id) = get(&data, "id").as_f64() else {
        return;
    };
    // Our own counter, sent out as a u32 and echoed back.
    #[allow(clippy::cast_sign_loss)]
    let id = id as u32;
    let slot = CLIENT.with(|c| {
        c.borrow_mut()
            .as_mut()
            .and_then(|client| client.pending.remove(&id))
    });
    if let Some((resolve, _)) = slot {
        let _ = resolve.call1(&JsValue::NULL, &data);
    }
}

fn spawn() -> Result<Client, String> {
    let worker = Worker::new(&loader_url()).map_err(|e| describe(&e))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| on_message(&e));
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|e: ErrorEvent| {
        e.prevent_default();
        fail_all(&format!(
            "分析程序未能加载或已停止 (the analyser could not load or stopped): {}",
            e.message()
        ));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client {
        worker,
        ready: false,
        queue: Vec::new(),
        pending: HashMap::new(),
        next_id: 1,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Start the worker now if it is not running, without a job: called when the user shows
/// they are about to give a report (files dragged over the page, the pointer or focus on
/// the paste box or the buttons), so its download overlaps their gesture.
pub fn warm_up() {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            match spawn() {
                Ok(client) => *c = Some(client),
                // The first job will try again and report it.
                Err(e) => web_sys::console::warn_1(&e.into()),
            }
        }
    });
}

/// Send a job (and the bytes that go with it) and wait for its answer.
async fn call(job: &Job, bytes: &[u8]) -> Result<Output, String> {
    let json = serde_json::to_string(job).map_err(|e| e.to_string())?;
    let promise = CLIENT.with(|c| -> Result<Promise, String> {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c =
                Some(spawn().map_err(|e| {
                    format!("分析程序未能启动 (the analyser could not start): {e}")
                })?);
        }
        let client = c.as_mut().ok_or("no worker")?;
        let id = client.next_id;
        client.next_id = id.wrapping_add(1);
        let msg = Object::new();
        set(&msg, "id", &JsValue::from(id));
        set(&msg, "job", &JsValue::from_str(&json));
        let transfer = Array::new();
        if !bytes.is_empty() {
            let array = Uint8Array::from(bytes);
            transfer.push(&array.buffer());
            set(&msg, "bytes", &array);
        }
        let mut slot = None;
        let promise = Promise::new(&mut |resolve, reject| slot = Some((resolve, reject)));
        if let Some(slot) = slot {
            client.pending.insert(id, slot);
        }
        if client.ready {
            client
                .worker
                .post_message_with_transfer(&msg, &transfer)
                .map_err(|e| describe(&e))?;
        } else {
            client.queue.push((msg, transfer));
        }
        Ok(promise)
    })?;
    let data = JsFuture::from(promise).await.map_err(|e| describe(&e))?;
    let reply = get(&data, "reply")
        .as_string()
        .ok_or("the worker's answer has no reply")?;
    let reply: Reply = serde_json::from_str(&reply).map_err(|e| e.to_string())?;
    let bytes = get(&data, "bytes")
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    Ok(Output { reply, bytes })
}

/// The report, or why not. What went wrong inside the machinery (the worker would not start,
/// crashed, answered nonsense) is logged for a developer; the user is told it in plain words.
fn analysed(output: Result<Output, String>) -> Result<Analysed, Problem> {
    let stopped = |detail: String| {
        gloo::console::error!(detail);
        Problem::AnalyserStopped
    };
    match output.map_err(stopped)?.reply {
        Reply::Analysed(a) => Ok(*a),
        Reply::Unreadable(problem) => Err(problem),
        other => Err(stopped(format!(
            "unexpected reply from the worker: {other:?}"
        ))),
    }
}

/// Decode and analyse a file's bytes.
pub async fn analyse_file(name: String, bytes: Vec<u8>) -> Result<Analysed, Problem> {
    analysed(call(&Job::File { name }, &bytes).await)
}

/// Analyse text as it is (pasted, or the demo).
pub async fn analyse_text(text: String) -> Result<Analysed, Problem> {
    analysed(call(&Job::Text { text }, &[]).await)
}

/// The .xlsx workbook of an analysed report.
pub async fn workbook(text: String, analysis: Analysis, lang: Lang) -> Result<Vec<u8>, String> {
    let job = Job::Xlsx {
        text,
        analysis: Box::new(analysis),
        lang: lang.code().to_owned(),
    };
    let output = call(&job, &[]).await?;
    match output.reply {
        Reply::Workbook => Ok(output.bytes),
        Reply::WorkbookFailed(message) => Err(message),
        other => Err(format!("unexpected reply from the worker: {other:?}")),
    }
}

/// The .xlsx review sheet of the open reports (rows as `fazhi_core::review::review_row`).
pub async fn review_workbook(rows: Vec<Vec<String>>, lang: Lang) -> Result<Vec<u8>, String> {
    let job = Job::ReviewXlsx {
        rows,
        lang: lang.code().to_owned(),
    };
    let output = call(&job, &[]).await?;
    match output.reply {
        Reply::Workbook => Ok(output.bytes),
        Reply::WorkbookFailed(message) => Err(message),
        other => Err(format!("unexpected reply from the worker: {other:?}")),
    }
}

/// Make the worker panic (`?panic-test=worker`).
pub fn panic_test() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = call(&Job::Panic, &[]).await;
    });
}
