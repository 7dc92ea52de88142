//! The server loop: the axum router on hyper's HTTP/1 connections, with a deadline for each
//! request head, so that half-open requests (headers never finished) cannot pile up.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;

/// How long a client may take to send a request head (request line and headers), counted from
/// the moment the server waits for it (a new connection, or the end of the previous answer on a
/// kept-alive one). The connection is closed after that.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes, then lets the open connections finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            conn = listener.accept() => match conn {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!("cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(app.clone());
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let io = TokioIo::new(JsonErrors {
            inner: stream,
            pending: None,
        });
        let conn = graceful.watch(builder.serve_connection(io, service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!("connection ended: {e}");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// A connection whose automatic answers from hyper get the JSON error body of the API.
///
/// hyper answers a request head it cannot take (URI longer than 64 KiB, a head larger than
/// about 400 KiB or with more than 100 headers, a malformed head) itself, before any routing,
/// with a status and an empty body. Those answers are recognised as they are written (a
/// `400`/`414`/`431` head with `content-length: 0`, which no answer of the API has) and replaced
/// by the same status with `{"error":{"code":…,"message":…}}`.
struct JsonErrors<S> {
    inner: S,
    /// The replacement being written: its bytes, how many are written, and the length of the
    /// write it replaces (reported as written once the replacement is).
    pending: Option<(Vec<u8>, usize, usize)>,
}

/// The JSON answer replacing hyper's empty automatic answer `head`, if it is one.
fn json_answer(head: &[u8]) -> Option<Vec<u8>> {
    use crate::error::ErrorCode;
    const MAX_HEAD: usize = 1024;
    if head.len() > MAX_HEAD || !head.ends_with(b"\r\n\r\n") {
        return None;
    }
    let (code, message) = match head.get(..13)? {
        b"HTTP/1.1 431 " => (
            ErrorCode::HeadersTooLarge,
            "request headers too large or too many (at most about 400 KiB and 100 headers)",
        ),
        b"HTTP/1.1 414 " => (
            ErrorCode::UriTooLong,
            "request uri too long (at most 64 KiB)",
        ),
        b"HTTP/1.1 400 " => (ErrorCode::BadRequest, "malformed http request"),
        _ => return None,
    };
    let text = std::str::from_utf8(head).ok()?;
    let empty = text.split("\r\n").skip(1).any(|line| {
        line.split_once(':').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("content-length") && v.trim() == "0"
        })
    });
    if !empty {
        return None;
    }
    let status = code.status();
    let body =
        serde_json::json!({ "error": { "code": code.as_str(), "message": message } }).to_string();
    let reason = status.canonical_reason().unwrap_or("");
    Some(
        format!(
            "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            status.as_u16(),
            body.len()
        )
        .into_bytes(),
    )
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonErrors<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonErrors<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            match json_answer(buf) {
                Some(answer) => this.pending = Some((answer, 0, buf.len())),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        let Some((answer, written, replaced)) = this.pending.as_mut() else {
            unreachable!("set above")
        };
        while *written < answer.len() {
            match ready!(Pin::new(&mut this.inner).poll_write(cx, &answer[*written..])) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => *written += n,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
        let replaced = *replaced;
        this.pending = None;
        Poll::Ready(Ok(replaced))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_empty_automatic_answers_are_replaced() {
        let hyper_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Wed, 02 Dec 2026 08:00:00 GMT\r\n\r\n";
        let answer = String::from_utf8(json_answer(hyper_431).unwrap()).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(
            head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{head}"
        );
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error"]["code"], "headers_too_large");
        assert!(json_answer(b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\n\r\n").is_some());
        assert!(json_answer(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n").is_some());
        // Answers of the API (with a body) and other statuses are left alone.
        assert!(json_answer(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 05\r\n\r\n").is_none());
        assert!(json_answer(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 57\r\n\r\n").is_none());
        assert!(json_answer(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{}").is_none());
        assert!(json_answer(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(json_answer(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
    }
}
