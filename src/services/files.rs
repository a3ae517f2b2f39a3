//! Reading files the user picked or dropped, as bytes.

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::futures::read_as_bytes;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::state::LoadedFile;

/// Read every file of `list` (in order) and emit them all at once. A file that cannot be
/// read becomes a `LoadedFile` holding the error; the others go on.
fn read_all(list: web_sys::FileList, on_loaded: Callback<Vec<LoadedFile>>) {
    let files = gloo::file::FileList::from(list);
    if files.is_empty() {
        return;
    }
    let files: Vec<gloo::file::File> = files.iter().cloned().collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let bytes = read_as_bytes(&file).await.map_err(|e| e.to_string());
            out.push(LoadedFile {
                name: file.name(),
                bytes,
            });
        }
        on_loaded.emit(out);
    });
}

/// Handle the `change` event of an `<input type=file>`: read the chosen files, then clear
/// the input so that choosing the same file again fires again.
pub fn read_input(event: &web_sys::Event, on_loaded: Callback<Vec<LoadedFile>>) {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(list) = input.files() {
        read_all(list, on_loaded);
    }
    input.set_value("");
}

fn carries_files(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<web_sys::DragEvent>()
        .and_then(web_sys::DragEvent::data_transfer)
        .is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
}

/// Page-wide drag and drop of files. Keep the value alive as long as drops should work.
pub struct DropListener {
    _listeners: [EventListener; 4],
}

/// Listen for files dragged over and dropped anywhere on the page.
#[must_use]
pub fn listen_for_drops(
    on_loaded: Callback<Vec<LoadedFile>>,
    on_drag: Callback<bool>,
) -> Option<DropListener> {
    let window = web_sys::window()?;
    let target: &web_sys::EventTarget = window.as_ref();
    let opts = EventListenerOptions::enable_prevent_default();
    let over = {
        let on_drag = on_drag.clone();
        EventListener::new_with_options(target, "dragover", opts, move |e| {
            if carries_files(e) {
                e.prevent_default();
                on_drag.emit(true);
            }
        })
    };
    let enter = {
        let on_drag = on_drag.clone();
        EventListener::new_with_options(target, "dragenter", opts, move |e| {
            if carries_files(e) {
                e.prevent_default();
                on_drag.emit(true);
            }
        })
    };
    let leave = {
        let on_drag = on_drag.clone();
        EventListener::new(target, "dragleave", move |e| {
            // Leaving the window: no element to go to.
            let to_outside = e
                .dyn_ref::<web_sys::MouseEvent>()
                .is_some_and(|m| m.related_target().is_none());
            if to_outside {
                on_drag.emit(false);
            }
        })
    };
    let drop = EventListener::new_with_options(target, "drop", opts, move |e| {
        let list = e
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(web_sys::DragEvent::data_transfer)
            .and_then(|dt| dt.files());
        e.prevent_default();
        on_drag.emit(false);
        if let Some(list) = list {
            read_all(list, on_loaded.clone());
        }
    });
    Some(DropListener {
        _listeners: [over, enter, leave, drop],
    })
}
