import { mount } from 'svelte';
import Root from './Root.svelte';
import './app.css';
import { startupProbe } from './lib/backend/probe';

const target = document.getElementById('app');
if (target) mount(Root, { target });
void startupProbe();
