//! Files the user picked or dropped: their names and sizes at once, their bytes when read.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::futures::read_as_bytes;
use wasm_bindgen::JsCast;
use yew::Callback;

/// A file the user picked or dropped, not read yet: its name and size are known, its
/// bytes are read when its turn comes (`read`), so a batch holds one file in memory at a
/// time and a file over the limit is never read.
pub struct Picked {
    name: String,
    size: u64,
    file: gloo::file::File,
}
use crate::i18n::Problem;

impl Picked {
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The size the browser gives, in bytes.
    #[must_use]
    pub const fn size(&self) -> u64 {
        self.size
    }

    /// Read the file's bytes.
    /// The bytes; when the browser cannot read them, the detail goes to the console and
    /// the user is told in plain words ([`Problem::ReadFailed`]).
    pub async fn read(&self) -> Result<Vec<u8>, Problem> {
        read_as_bytes(&self.file).await.map_err(|e| {
            gloo::console::warn!(format!("{}: {e}", self.name));
            Problem::ReadFailed
        })
    }
}

/// Emit every file of `list` (in order), unread.
fn pick_all(list: web_sys::FileList, on_picked: &Callback<Vec<Picked>>) {
    let files = gloo::file::FileList::from(list);
    if files.is_empty() {
        return;
    }
    let picked = files
        .iter()
        .map(|file| Picked {
            name: file.name(),
            size: file.size(),
            file: file.clone(),
        })
        .collect();
    on_picked.emit(picked);
}

/// Handle the `change` event of an `<input type=file>`: pass on the chosen files, then
/// clear the input so that choosing the same file again fires again.
pub fn read_input(event: &web_sys::Event, on_loaded: Callback<Vec<Picked>>) {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if let Some(list) = input.files() {
        pick_all(list, &on_loaded);
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

/// Listen for files dragged over and dropped anywhere on the page. Drags of anything but
/// files (text into the paste box) are left to the browser.
#[must_use]
pub fn listen_for_drops(
    on_loaded: Callback<Vec<Picked>>,
    on_drag: Callback<bool>,
) -> Option<DropListener> {
    let window = web_sys::window()?;
    let target: &web_sys::EventTarget = window.as_ref();
    let opts = EventListenerOptions::enable_prevent_default();
    // dragenter/dragleave fire for every element crossed: count them to know when the drag
    // has really left the page.
    let depth = Rc::new(Cell::new(0_i32));
    let over = EventListener::new_with_options(target, "dragover", opts, move |e| {
        if carries_files(e) {
            // Needed for the drop event to fire.
            e.prevent_default();
        }
    });
    let enter = {
        let on_drag = on_drag.clone();
        let depth = Rc::clone(&depth);
        EventListener::new_with_options(target, "dragenter", opts, move |e| {
            if carries_files(e) {
                e.prevent_default();
                depth.set(depth.get().saturating_add(1));
                on_drag.emit(true);
            }
        })
    };
    let leave = {
        let on_drag = on_drag.clone();
        let depth = Rc::clone(&depth);
        EventListener::new(target, "dragleave", move |e| {
            if carries_files(e) {
                depth.set((depth.get() - 1).max(0));
                if depth.get() == 0 {
                    on_drag.emit(false);
                }
            }
        })
    };
    let drop = EventListener::new_with_options(target, "drop", opts, move |e| {
        if !carries_files(e) {
            return;
        }
        e.prevent_default();
        depth.set(0);
        on_drag.emit(false);
        let list = e
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(web_sys::DragEvent::data_transfer)
            .and_then(|dt| dt.files());
        if let Some(list) = list {
            pick_all(list, &on_loaded);
        }
    });
    Some(DropListener {
        _listeners: [over, enter, leave, drop],
    })
}
