//! ECharts, served as a local asset (`echarts.min.js` next to index.html) and loaded only
//! when charts are first shown. Options come in as JSON text built from typed structs.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::NodeRef;

const SCRIPT_URL: &str = "echarts.min.js";
const SCRIPT_ID: &str = "echarts-script";

thread_local! {
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

fn global() -> Option<JsValue> {
    let window = web_sys::window()?;
    let echarts = Reflect::get(&window, &JsValue::from_str("echarts")).ok()?;
    (echarts.is_object()).then_some(echarts)
}

fn inject() -> Promise {
    Promise::new(&mut |resolve, reject| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("no document"));
            return;
        };
        let script = match doc.create_element("script") {
            Ok(s) => s,
            Err(e) => {
                let _ = reject.call1(&JsValue::NULL, &e);
                return;
            }
        };
        let _ = script.set_attribute("src", SCRIPT_URL);
        let _ = script.set_attribute("id", SCRIPT_ID);
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
        let appended = doc
            .head()
            .map(|h| h.append_child(&script))
            .ok_or_else(|| JsValue::from_str("no <head>"));
        if let Err(e) | Ok(Err(e)) = appended {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    })
}

/// Load the ECharts script once; later calls wait for the same load.
pub async fn ensure_loaded() -> Result<(), String> {
    if global().is_some() {
        return Ok(());
    }
    let promise = LOADING.with(|l| l.borrow_mut().get_or_insert_with(inject).clone());
    if let Err(e) = JsFuture::from(promise).await {
        // Let a later attempt try again.
        LOADING.with(|l| l.borrow_mut().take());
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(SCRIPT_ID))
        {
            el.remove();
        }
        let why = if e.is_instance_of::<web_sys::Event>() {
            format!("{SCRIPT_URL} did not load")
        } else {
            describe(&e)
        };
        return Err(why);
    }
    global()
        .map(|_| ())
        .ok_or_else(|| format!("{SCRIPT_URL} loaded but defined no echarts"))
}

fn method(obj: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(obj, &JsValue::from_str(name))
        .map_err(|e| describe(&e))?
        .dyn_into::<Function>()
        .map_err(|_| format!("echarts has no {name}()"))
}

/// One chart instance, disposed when dropped.
pub struct Chart {
    instance: JsValue,
}

impl Chart {
    /// `echarts.init(el, theme)`. Call [`ensure_loaded`] first.
    pub fn init(node: &NodeRef, dark: bool) -> Result<Self, String> {
        let el = node
            .cast::<web_sys::HtmlElement>()
            .ok_or("the chart container is gone")?;
        let echarts = global().ok_or("echarts is not loaded")?;
        let theme = if dark {
            JsValue::from_str("dark")
        } else {
            JsValue::NULL
        };
        let instance = method(&echarts, "init")?
            .call2(&echarts, &el, &theme)
            .map_err(|e| describe(&e))?;
        Ok(Self { instance })
    }

    /// `chart.setOption(JSON.parse(json), true)`.
    pub fn set_option(&self, json: &str) -> Result<(), String> {
        let option = js_sys::JSON::parse(json).map_err(|e| describe(&e))?;
        method(&self.instance, "setOption")?
            .call2(&self.instance, &option, &JsValue::TRUE)
            .map_err(|e| describe(&e))?;
        Ok(())
    }

    pub fn resize(&self) {
        if let Ok(f) = method(&self.instance, "resize") {
            let _ = f.call0(&self.instance);
        }
    }
}

impl Drop for Chart {
    fn drop(&mut self) {
        if let Ok(f) = method(&self.instance, "dispose") {
            let _ = f.call0(&self.instance);
        }
    }
}
