//! Bytes of a report file become text: encodings, HTML and .docx (TODO: issue 3).

use std::fmt;

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Html,
    Docx,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub text: String,
    pub format: SourceFormat,
    /// The encoding detected or declared, e.g. `UTF-8`, `GBK`, `UTF-16LE`.
    pub encoding: String,
    pub byte_len: usize,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    TooLarge { size: usize, limit: usize },
    Binary,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "文件为空 (the file is empty)"),
            Self::TooLarge { size, limit } => {
                write!(f, "文件过大：{size} 字节，上限 {limit} (file too large)")
            }
            Self::Binary => write!(f, "不是文本文件 (not a text file)"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode a file's bytes.
pub fn decode(bytes: &[u8], _file_name: Option<&str>) -> Result<Document, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Document {
        text,
        format: SourceFormat::Text,
        encoding: "UTF-8".into(),
        byte_len: bytes.len(),
    })
}
