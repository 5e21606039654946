<?php
/**
 * Plugin Name: Byline Companion
 * Description: Lets the Byline desktop client sync safely: finds a post by the id Byline gave it
 *              (so a retried create never makes a second post) and refuses an update that would
 *              overwrite changes made since the edit started (HTTP 412). Keeps the image credits
 *              Byline sets on uploads (permission, proof, expiry, creator…) as attachment meta.
 * Version: 1.0.0
 * License: GPL-3.0-or-later
 *
 * Install by copying this file into wp-content/mu-plugins/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

defined('ABSPATH') || exit;

const BYLINE_CLIENT_UUID_META = 'byline_client_uuid';
const BYLINE_BASE_MODIFIED_HEADER = 'x_byline_base_modified';
const BYLINE_REST_NAMESPACE = 'byline/v1';

/* Statuses a lookup searches: a trashed post still counts, or a retry would recreate it. */
const BYLINE_LOOKUP_STATUSES = array('draft', 'pending', 'future', 'publish', 'private', 'trash');

function byline_companion_sanitize_uuid($value)
{
    $value = strtolower(trim((string) $value));
    return preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/', $value) ? $value : '';
}

function byline_companion_register_meta()
{
    register_post_meta('post', BYLINE_CLIENT_UUID_META, array(
        'type'              => 'string',
        'description'       => 'The id the Byline client gave this post when it created it.',
        'single'            => true,
        'default'           => '',
        'show_in_rest'      => true,
        'sanitize_callback' => 'byline_companion_sanitize_uuid',
        'auth_callback'     => function ($allowed, $meta_key, $post_id) {
            return current_user_can('edit_post', $post_id);
        },
    ));
}
add_action('init', 'byline_companion_register_meta');

/* Image credits that WordPress has no field for, set by Byline after an upload. */
const BYLINE_ATTACHMENT_META = array(
    'byline_permission_kind'   => 'Why Byline may publish the image: staff, wire-service, handout, copyright-holder, creative-commons, public-domain or news-screenshot.',
    'byline_permission_proof'  => 'A reference, web address or note that shows the permission.',
    'byline_permission_expiry' => 'When the permission ends, as an ISO 8601 date and time in UTC; empty if never.',
    'byline_credit_line'       => 'The credit line readers see.',
    'byline_creator'           => 'Who made the image.',
    'byline_copyright_holder'  => 'Who owns the copyright.',
    'byline_source'            => 'Who supplied the image, such as an agency.',
);

function byline_companion_register_attachment_meta()
{
    foreach (BYLINE_ATTACHMENT_META as $key => $description) {
        register_post_meta('attachment', $key, array(
            'type'              => 'string',
            'description'       => $description,
            'single'            => true,
            'default'           => '',
            'show_in_rest'      => true,
            'sanitize_callback' => 'sanitize_textarea_field',
            'auth_callback'     => function ($allowed, $meta_key, $post_id) {
                return current_user_can('edit_post', $post_id);
            },
        ));
    }
}
add_action('init', 'byline_companion_register_attachment_meta');

/* WordPress checks an application password only once REST_REQUEST is defined, but it has
 * usually looked up the current user before that (during init) and cached "nobody", so a wrong
 * password is answered like a missing one ("rest_not_logged_in"). Saying early that this is an
 * API request gets the real error ("incorrect_password"), which lets the client tell a wrong
 * password from a server that strips the Authorization header. */
function byline_companion_is_api_request($is_api_request)
{
    if ($is_api_request || isset($_GET['rest_route'])) {
        return true;
    }
    $path = (string) parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_PATH);
    $home_path = rtrim((string) parse_url(home_url(), PHP_URL_PATH), '/');
    $rest_path = $home_path . '/' . trim(rest_get_url_prefix(), '/');
    return $path === $rest_path || str_starts_with($path, $rest_path . '/');
}
add_filter('application_password_is_api_request', 'byline_companion_is_api_request');

/* GET byline/v1/posts?client_uuid=…: the posts (normally one) created from that story, in the
 * same shape as wp/v2/posts with context=edit, limited to what the user may edit. */
function byline_companion_find_posts(WP_REST_Request $request)
{
    $ids = get_posts(array(
        'post_type'        => 'post',
        'post_status'      => BYLINE_LOOKUP_STATUSES,
        'meta_key'         => BYLINE_CLIENT_UUID_META,
        'meta_value'       => $request['client_uuid'],
        'fields'           => 'ids',
        'orderby'          => 'ID',
        'order'            => 'ASC',
        'posts_per_page'   => 10,
        'suppress_filters' => false,
    ));

    $posts = array();
    foreach ($ids as $id) {
        if (!current_user_can('edit_post', $id)) {
            continue;
        }
        $inner = new WP_REST_Request('GET', '/wp/v2/posts/' . $id);
        $inner->set_param('context', 'edit');
        $response = rest_do_request($inner);
        if (!$response->is_error()) {
            $posts[] = rest_get_server()->response_to_data($response, false);
        }
    }
    return rest_ensure_response($posts);
}

function byline_companion_register_routes()
{
    register_rest_route(BYLINE_REST_NAMESPACE, '/posts', array(
        'methods'             => WP_REST_Server::READABLE,
        'callback'            => 'byline_companion_find_posts',
        'permission_callback' => function () {
            return current_user_can('edit_posts');
        },
        'args'                => array(
            'client_uuid' => array(
                'type'              => 'string',
                'required'          => true,
                'sanitize_callback' => 'byline_companion_sanitize_uuid',
                'validate_callback' => function ($value) {
                    return byline_companion_sanitize_uuid($value) !== '';
                },
            ),
        ),
    ));
}
add_action('rest_api_init', 'byline_companion_register_routes');

/* The post id when $request is an update of a single post, 0 otherwise. */
function byline_companion_updated_post_id(WP_REST_Request $request)
{
    if (!in_array($request->get_method(), array('POST', 'PUT', 'PATCH'), true)) {
        return 0;
    }
    if (!preg_match('#^/wp/v2/posts/(\d+)$#', $request->get_route(), $matches)) {
        return 0;
    }
    return (int) $matches[1];
}

function byline_companion_parse_gmt($text)
{
    $date = DateTimeImmutable::createFromFormat('!Y-m-d\TH:i:s', substr((string) $text, 0, 19),
                                                new DateTimeZone('UTC'));
    if ($date === false) {
        $date = DateTimeImmutable::createFromFormat('!Y-m-d H:i:s', substr((string) $text, 0, 19),
                                                    new DateTimeZone('UTC'));
    }
    return $date === false ? null : $date;
}

/* Optimistic concurrency, which WordPress lacks: an update that says which modified_gmt it
 * started from is refused when the post changed since. A named lock per post makes the check
 * and the write one step against other checked updates. */
function byline_companion_check_base(
    $response,
    $handler,
    WP_REST_Request $request
) {
    global $wpdb;

    $base_header = $request->get_header(BYLINE_BASE_MODIFIED_HEADER);
    $id = byline_companion_updated_post_id($request);
    if ($base_header === null || $id === 0 || is_wp_error($response)) {
        return $response;
    }
    $post = get_post($id);
    /* Let WordPress answer 404/401/403 itself, so nothing leaks to those who may not edit. */
    if (!$post || !current_user_can('edit_post', $id)) {
        return $response;
    }
    $base = byline_companion_parse_gmt($base_header);
    if ($base === null) {
        return new WP_Error('byline_bad_base_modified',
            __('The X-Byline-Base-Modified header is not a date like 2024-05-01T12:00:00.', 'byline-companion'),
            array('status' => 400));
    }

    $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, 10)', 'byline_post_' . $id));
    $GLOBALS['byline_companion_lock'] = 'byline_post_' . $id;
    clean_post_cache($id);
    $current = byline_companion_parse_gmt(get_post($id)->post_modified_gmt);
    if ($current !== null && $current > $base) {
        return new WP_Error('byline_conflict',
            __('This post was changed by someone else after your edit started.', 'byline-companion'),
            array('status' => 412, 'modified_gmt' => $current->format('Y-m-d\TH:i:s')));
    }
    return $response;
}
add_filter('rest_request_before_callbacks', 'byline_companion_check_base', 10, 3);

function byline_companion_release_lock($response)
{
    global $wpdb;

    if (!empty($GLOBALS['byline_companion_lock'])) {
        $wpdb->get_var($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $GLOBALS['byline_companion_lock']));
        unset($GLOBALS['byline_companion_lock']);
    }
    return $response;
}
add_filter('rest_request_after_callbacks', 'byline_companion_release_lock');
