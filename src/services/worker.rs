//! The page's side of the Web Worker that decodes and analyses reports and builds .xlsx
//! files (the worker binary, `src/worker.rs`; its side is `services::worker_scope`, which
//! documents the messages). Keeping that work out of the page keeps the page's download
//! small and the page responsive while a large report is read.
//!
//! A pool of workers, one per core but one, up to [`MAX_WORKERS`] ([`pool_size`]): the first is
//! started on first use (the first file, paste or demo, or just before: see [`warm_up`]);
//! the others only when a batch keeps every running worker busy (each one takes a job and
//! has the next one waiting), so a single report never waits for a second worker to load.
//! A job goes to the worker with the fewest jobs; jobs sent to a worker before it has loaded
//! wait in its queue. If a worker panics, the crash message goes up and the jobs in flight
//! fail; if it cannot load or dies, its jobs fail with a message, and its place is taken by a
//! new worker when needed. Workers but the first stop after [`RETIRE_AFTER_MS`] without a
//! job, giving their memory back.

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

/// At most this many workers, however many cores: each holds its own copy of the analyser
/// (a few MB of code and the memory of the report it reads).
pub const MAX_WORKERS: usize = 4;

/// How many workers a batch may use: one per logical core (`navigator.hardwareConcurrency`)
/// but one, which is left to the page, 1 to [`MAX_WORKERS`]. The page is busy during a batch
/// too: it shows the reports as they come, and laying out a growing list of them costs
/// more than reading them (measured on two cores: a second worker made a batch of 200
/// reports slower to show, not faster).
#[must_use]
pub fn pool_size() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    if cores.is_finite() && cores >= 1.0 {
        // Positive and finite, checked above.
        #[allow(clippy::cast_sign_loss)]
        let cores = cores as usize;
        cores.saturating_sub(1).clamp(1, MAX_WORKERS)
    } else {
        1
    }
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

impl Client {
    /// Jobs sent and not answered, counting a worker still loading as one more (it has its
    /// code to fetch and compile first).
    fn load(&self) -> usize {
        self.pending.len() + usize::from(!self.ready)
    }
}

thread_local! {
    /// The pool: slot `i` holds worker `i` while it runs.
    static POOL: RefCell<Vec<Option<Client>>> = const { RefCell::new(Vec::new()) };
}

/// The slot to send the next job to: the least loaded running worker, or a new worker in a
/// free slot when every running one already has a job waiting besides the one it runs.
fn choose(pool: &mut Vec<Option<Client>>, size: usize) -> Result<usize, String> {
    let least = pool
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_ref().map(|c| (c.load(), i)))
        .min();
    let running = pool.iter().filter(|c| c.is_some()).count();
    let grow = match least {
        None => true,
        Some((load, _)) => load >= 2 && running < size.max(1),
    };
    if grow {
        let slot = pool.iter().position(Option::is_none).unwrap_or(pool.len());
        match spawn(slot) {
            Ok(client) => {
                if slot == pool.len() {
                    pool.push(Some(client));
                } else if let Some(place) = pool.get_mut(slot) {
                    *place = Some(client);
                }
                return Ok(slot);
            }
            // A worker running already takes the job instead.
            Err(e) if least.is_some() => web_sys::console::warn_1(&e.into()),
            Err(e) => {
                return Err(format!(
                    "分析程序未能启动 (the analyser could not start): {e}"
                ))
            }
        }
    }
    least.map(|(_, i)| i).ok_or_else(|| "no worker".to_owned())
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

/// Stop worker `slot` and fail every job in flight there with `message`; a later job starts
/// a new worker in its place.
fn fail_all(slot: usize, message: &str) {
    let Some(client) = POOL.with(|p| p.borrow_mut().get_mut(slot).and_then(Option::take)) else {
        return;
    };
    stop(&client.worker);
    let reason = JsValue::from_str(message);
    for (_, reject) in client.pending.values() {
        let _ = reject.call1(&JsValue::NULL, &reason);
    }
    // This may run inside one of the client's own event handlers: drop them later.
    gloo::timers::callback::Timeout::new(0, move || drop(client)).forget();
}

fn on_message(slot: usize, e: &MessageEvent) {
    let data = e.data();
    if get(&data, "ready").as_bool() == Some(true) {
        POOL.with(|p| {
            if let Some(client) = p.borrow_mut().get_mut(slot).and_then(Option::as_mut) {
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
        fail_all(
            slot,
            &format!("分析程序出错已停止 (the analyser crashed): {detail}"),
        );
        return;
    }
    let Some(id) = get(&data, "id").as_f64() else {
        return;
    };
    // Our own counter, sent out as a u32 and echoed back.
    #[allow(clippy::cast_sign_loss)]
    let id = id as u32;
    let (waiting, idle_at) = POOL.with(|p| {
        let mut p = p.borrow_mut();
        let Some(client) = p.get_mut(slot).and_then(Option::as_mut) else {
            return (None, None);
        };
        let waiting = client.pending.remove(&id);
        let idle_at = client.pending.is_empty().then_some(client.next_id);
        (waiting, idle_at)
    });
    if let Some((resolve, _)) = waiting {
        let _ = resolve.call1(&JsValue::NULL, &data);
    }
    // The first worker stays (the next report, paste or export is quick); the others go
    // when a batch is over, giving back their memory.
    if let Some(stamp) = idle_at.filter(|_| slot > 0) {
        gloo::timers::callback::Timeout::new(RETIRE_AFTER_MS, move || retire(slot, stamp)).forget();
    }
}

/// How long a worker other than the first may stay idle before it is stopped.
const RETIRE_AFTER_MS: u32 = 15_000;

/// Stop worker `slot` if it has had no job since its job counter read `stamp`.
fn retire(slot: usize, stamp: u32) {
    let client = POOL.with(|p| {
        let mut p = p.borrow_mut();
        let place = p.get_mut(slot)?;
        if place
            .as_ref()
            .is_some_and(|c| c.pending.is_empty() && c.next_id == stamp)
        {
            place.take()
        } else {
            None
        }
    });
    if let Some(client) = client {
        stop(&client.worker);
    }
}

/// Detach the page's handlers from `worker` and terminate it.
fn stop(worker: &Worker) {
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
}

fn spawn(slot: usize) -> Result<Client, String> {
    let worker = Worker::new(&loader_url()).map_err(|e| describe(&e))?;
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_message(slot, &e));
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
        e.prevent_default();
        fail_all(
            slot,
            &format!(
                "分析程序未能加载或已停止 (the analyser could not load or stopped): {}",
                e.message()
            ),
        );
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
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.iter().all(Option::is_none) {
            // With no worker running, `choose` starts one in the first slot.
            if let Err(e) = choose(&mut p, 1) {
                // The first job will try again and report it.
                web_sys::console::warn_1(&e.into());
            }
        }
    });
}

/// Send a job (and the bytes that go with it) and wait for its answer.
async fn call(job: &Job, bytes: &[u8]) -> Result<Output, String> {
    let json = serde_json::to_string(job).map_err(|e| e.to_string())?;
    let size = pool_size();
    let promise = POOL.with(|p| -> Result<Promise, String> {
        let mut p = p.borrow_mut();
        let slot = choose(&mut p, size)?;
        let client = p
            .get_mut(slot)
            .and_then(Option::as_mut)
            .ok_or("no worker")?;
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
