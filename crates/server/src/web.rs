//! The analyst web page: static files embedded in the binary, served at `/` and `/assets/…`.
//!
//! The page is plain HTML/CSS/JS built on the public HTTP API only; nothing is fetched from
//! outside the server.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

const INDEX: Asset = Asset {
    name: "index.html",
    content_type: "text/html; charset=utf-8",
    body: include_bytes!("../assets/index.html"),
};

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/app.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_bytes!("../assets/favicon.svg"),
    },
];

/// Routes of the web page; merge them into the API router.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*file}", get(asset))
}

async fn index(headers: HeaderMap) -> Response {
    serve(&INDEX, &headers)
}

async fn asset(
    crate::params::PathParams(file): crate::params::PathParams<String>,
    headers: HeaderMap,
) -> Response {
    match ASSETS.iter().find(|a| a.name == file) {
        Some(a) => serve(a, &headers),
        None => {
            crate::error::ApiError::not_found(format!("no asset named '{file}'")).into_response()
        }
    }
}

/// Strong validator for an embedded file (content hash).
fn etag(a: &Asset) -> String {
    format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(a.body))
}

/// Serves a file with its content type, an ETag and `Cache-Control: no-cache` (the browser keeps a
/// copy but revalidates it, so a new sitrep binary is picked up at once; unchanged files cost a
/// 304). Security headers keep the page to its own origin.
fn serve(a: &Asset, headers: &HeaderMap) -> Response {
    let tag = etag(a);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        a.body.into_response()
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(a.content_type),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if a.name == "index.html" {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
            ),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn get(path: &str, inm: Option<&str>) -> Response {
        let mut req = Request::builder().uri(path);
        if let Some(t) = inm {
            req = req.header(header::IF_NONE_MATCH, t);
        }
        routes::<()>()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn serves_files_with_types_and_validators() {
        let cases = [
            ("/", "text/html; charset=utf-8"),
            ("/assets/app.js", "text/javascript; charset=utf-8"),
            ("/assets/app.css", "text/css; charset=utf-8"),
            ("/assets/favicon.svg", "image/svg+xml"),
        ];
        for (path, ctype) in cases {
            let res = get(path, None).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            assert_eq!(res.headers()[header::CONTENT_TYPE], ctype, "{path}");
            assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache", "{path}");
            let tag = res.headers()[header::ETAG].to_str().unwrap().to_string();
            let again = get(path, Some(&tag)).await;
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
            let stale = get(path, Some("\"0\"")).await;
            assert_eq!(stale.status(), StatusCode::OK, "{path}");
        }
        assert_eq!(
            get("/assets/nope.js", None).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get("/assets/../src/web.rs", None).await.status(),
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn page_makes_no_external_requests() {
        for a in ASSETS.iter().chain(std::iter::once(&INDEX)) {
            let text = std::str::from_utf8(a.body).unwrap();
            for needle in ["http://", "https://", "//cdn", "@import url"] {
                // The only absolute URLs allowed are XML namespaces of inline SVG.
                let bad = text
                    .match_indices(needle)
                    .any(|(i, _)| !text[i..].starts_with("http://www.w3.org/"));
                assert!(!bad, "{} contains an external reference ({needle})", a.name);
            }
        }
    }
}
