//! Saving a file the app made (CSV, JSON) through a Blob and an object URL.

use wasm_bindgen::JsCast;

/// Offer `bytes` as a download named `file_name`. Returns a message when the browser refuses.
pub fn save(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let data = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&data);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let anchor = document
        .create_element("a")
        .map_err(err)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "not an anchor".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(err)?;
    anchor.click();
    anchor.remove();
    // Revoke later: some browsers start the download asynchronously.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Offer `bytes` as a download; a failure is logged to the console (the page goes on).
pub fn offer(name: String, mime: &'static str, bytes: Vec<u8>) {
    if let Err(e) = save(&name, mime, &bytes) {
        gloo::console::warn!(format!("download of {name} failed: {e}"));
    }
}
